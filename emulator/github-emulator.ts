// The interface of the handle startEmulator() returns, which handle.ts implements: the API root
// and token for clients, and everything tests drive (behind-the-back changes, faults, the clock,
// the request log, Apps).

import type { OpenApiValidator } from "./openapi-validator";
import type {
  AppSpec,
  BehindBackExtra,
  Container,
  ContentCreationWindow,
  EmulatorApp,
  EmulatorClock,
  FaultHandle,
  FaultSpec,
  IssuedInstallationToken,
  RecordedRequest,
  RequestFilter,
  SecondaryRateLimitOptions,
  StoredSecret,
  StoredVariable,
} from "./types";

/** What startEmulator() returns: the API root for clients, and what tests drive. */
export interface GitHubEmulator {
  /** "http://127.0.0.1:PORT": the API root, to use as Octokit's baseUrl. */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
  /** Back to the seed: secrets, variables, added repositories, log, faults, clock, switches. Server and port stay. */
  reset(): void;

  getSecret(c: Container, name: string): StoredSecret | undefined;
  listSecrets(c: Container): StoredSecret[];
  /** Creates or replaces a secret's plaintext (bumps updated_at). `value` undefined changes only visibility/selection. */
  putSecretBehindBack(c: Container, name: string, value: string | undefined, extra?: BehindBackExtra): void;
  deleteSecretBehindBack(c: Container, name: string): void;
  getVariable(c: Container, name: string): StoredVariable | undefined;
  listVariables(c: Container): StoredVariable[];
  /** Creates or updates a variable (bumps updated_at). `value` undefined changes only visibility/selection. */
  putVariableBehindBack(c: Container, name: string, value: string | undefined, extra?: BehindBackExtra): void;
  deleteVariableBehindBack(c: Container, name: string): void;

  publicKey(c: Container): { keyId: string; key: string };
  /** New key pair for the container: PUTs sealed for the old key_id then get a 422. reset() undoes rotations. */
  rotateKey(c: Container): void;

  /** Adds a repository (its owner becomes an organization when unknown); returns the repository id. */
  addRepository(owner: string, repo: string, opts?: { id?: number; environments?: string[]; private?: boolean }): number;
  addEnvironment(owner: string, repo: string, environment: string): void;
  addOrganization(login: string, opts?: { id?: number }): void;

  injectFault(f: FaultSpec): FaultHandle;
  clearFaults(): void;
  /** For `ms` after a PUT/POST created a secret/variable, GETs of it answer 404. 0 disables. */
  setReadAfterWriteDelay(ms: number): void;
  /** The next `count` GETs of a newly created secret/variable answer 404. 0 disables. */
  setReadAfterWriteMisses(count: number): void;
  /**
   * For `ms` (real time) after a write changes an existing secret or variable, its GET and the
   * list endpoints show the version before the write, as a lagging GitHub replica does. 0 disables.
   */
  setStaleReads(ms: number): void;
  /** Ends every stale-read window now: the replicas have caught up. */
  endStaleReads(): void;
  /** Delay every response by `ms` (makes concurrency observable). */
  setLatency(ms: number): void;
  /**
   * Error responses (4xx, 5xx) repeat what the request carried, Authorization header and body
   * included, in `message` and in an extra `errors` entry, as some proxies and GitHub errors do.
   * For proving that a client's errors redact the token and the values. reset() turns it off.
   */
  setEchoRequests(on: boolean): void;
  /** Refuse writes beyond these limits with a secondary-rate-limit 403/429 (undefined disables). */
  setSecondaryRateLimit(options: SecondaryRateLimitOptions | undefined): void;
  /**
   * Refuse a write beyond `count` writes in any `windowMs` (every window given) with GitHub's
   * content-creation 403 and `retry-after`; e.g. GITHUB_CONTENT_CREATION_LIMITS. undefined disables.
   */
  setContentCreationLimit(windows: readonly ContentCreationWindow[] | undefined): void;

  readonly clock: EmulatorClock;
  readonly requests: ReadonlyArray<RecordedRequest>;
  clearRequests(): void;
  findRequests(filter?: RequestFilter): RecordedRequest[];
  countWrites(filter?: RequestFilter): number;
  /** Most matching requests in flight at once. */
  maxConcurrency(filter?: RequestFilter): number;

  /** The OpenAPI schemas the emulator validates with (also handy to check responses in tests). */
  readonly openapi: OpenApiValidator;

  /** Registers a GitHub App (RSA key pair, installations); removed by reset() unless given at start. */
  addApp(spec?: AppSpec): EmulatorApp;
  /** Every registered App, with its private key and installations. */
  readonly apps: EmulatorApp[];
  /** Lifetime of the installation tokens issued from now on (GitHub: 3600 s). reset() restores it. */
  setInstallationTokenLifetime(seconds: number): void;
  /** Installation tokens issued since reset(), and how often each was used. */
  issuedInstallationTokens(): IssuedInstallationToken[];
}
