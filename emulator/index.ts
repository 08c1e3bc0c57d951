// A stateful emulator of GitHub's REST API for Actions/Dependabot/Codespaces secrets and Actions
// variables. `startEmulator()` listens on 127.0.0.1; the returned object is both the handle the
// tests drive (behind-the-back changes, faults, clock, request log) and the API root URL that
// Octokit clients use as `baseUrl`.

// First: a clear message when the emulator's optional peer dependencies are not installed.
import "./peer-dependencies";
import { randomBytes } from "node:crypto";
import { ApiError } from "./api-error";
import { resolveContainer, type ResolvedContainer } from "./containers";
import { EmulatorCore } from "./core";
import { createVariable, updateVariable, upsertSecret } from "./items";
import { canonicalName, nameProblem, type NamedThing } from "./names";
import { OpenApiValidator } from "./openapi-validator";
import { buildRoutes, Router } from "./routes";
import { sodiumReady, toBase64 } from "./sealed-box";
import { normalizeRepositoryIds } from "./selection";
import { EmulatorServer } from "./server";
import type { WorldSeed } from "./world";
import { secretSnapshot, sortedByName, variableSnapshot, type ContainerState } from "./state";
import type {
  BehindBackExtra,
  Container,
  EmulatorClock,
  FaultHandle,
  FaultSpec,
  RecordedRequest,
  RequestFilter,
  SecondaryRateLimitOptions,
  StoredSecret,
  StoredVariable,
  AppSpec,
  EmulatorApp,
  IssuedInstallationToken,
} from "./types";

export { faults, type FaultTarget } from "./faults";
export { isoSeconds } from "./clock";
export type { OpenApiValidator } from "./openapi-validator";
export { DEFAULT_SEED, type WorldSeed } from "./world";
export * from "./types";

export interface EmulatorOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** The token clients must send (`Authorization: token X` or `Bearer X`). Default "ghp_emulator_" + random. */
  token?: string;
  /**
   * The world to start from (and return to on reset()): true (default) for octo-org with
   * app/api/web and octocat with dotfiles, false for an empty one, or your own accounts and repositories.
   */
  seed?: boolean | WorldSeed;
  /** Alternative schema file (default emulator/openapi/github-schemas.json). */
  schemaFile?: string;
  /** Serve under a path, as GitHub Enterprise Server serves its API under "/api/v3". `url` includes it. */
  pathPrefix?: string;
  /** GitHub Apps to register at start (kept across reset()); more with `addApp`. */
  apps?: AppSpec[];
}

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

/** Turns GitHub-style refusals of behind-the-back writes into plain errors. */
function plain<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ApiError) throw new Error(`${what}: ${e.status} ${e.message}${e.extra.errors ? ` ${JSON.stringify(e.extra.errors)}` : ""}`);
    throw e;
  }
}

function validName(kind: NamedThing, name: string): string {
  const problem = nameProblem(kind, name);
  if (problem !== undefined) throw new Error(`invalid ${kind} name ${JSON.stringify(name)}: ${problem}`);
  return canonicalName(name);
}

class Emulator implements GitHubEmulator {
  constructor(
    readonly url: string,
    readonly token: string,
    private readonly core: EmulatorCore,
    private readonly server: EmulatorServer,
  ) {}

  get clock(): EmulatorClock {
    return this.core.clock;
  }

  get requests(): ReadonlyArray<RecordedRequest> {
    return this.server.log.all;
  }

  get openapi(): OpenApiValidator {
    return this.core.validator;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  reset(): void {
    this.core.reset();
    this.server.faults.clear();
    this.server.log.clear();
    this.server.primary.reset();
    this.server.secondary.reset();
    this.server.latencyMs = 0;
    this.server.echoRequests = false;
  }

  private state(c: Container): ContainerState {
    return this.core.store.state(resolveContainer(this.core.world, c));
  }

  private variableState(c: Container): ContainerState {
    const s = this.state(c);
    if (!s.container.scope.variables) throw new Error(`${s.container.scope.id} has no variables (variables are Actions-only)`);
    return s;
  }

  private ids(container: ResolvedContainer, extra: BehindBackExtra | undefined, resource: string): number[] | undefined {
    if (extra?.selectedRepositoryIds === undefined) return undefined;
    return normalizeRepositoryIds(this.core.world, container, extra.selectedRepositoryIds, resource);
  }

  getSecret(c: Container, name: string): StoredSecret | undefined {
    const r = this.state(c).secrets.get(canonicalName(name));
    return r ? secretSnapshot(r) : undefined;
  }

  listSecrets(c: Container): StoredSecret[] {
    return sortedByName(this.state(c).secrets.values()).map(secretSnapshot);
  }

  putSecretBehindBack(c: Container, name: string, value: string | undefined, extra?: BehindBackExtra): void {
    const state = this.state(c);
    const n = validName("secret", name);
    plain(`putSecretBehindBack(${n})`, () => {
      const bytes = value === undefined ? undefined : new Uint8Array(Buffer.from(value, "utf8"));
      upsertSecret(this.core, state, n, bytes, {
        visibility: extra?.visibility,
        selectedRepositoryIds: this.ids(state.container, extra, "Secret"),
      });
    });
  }

  deleteSecretBehindBack(c: Container, name: string): void {
    if (!this.state(c).secrets.delete(canonicalName(name))) throw new Error(`deleteSecretBehindBack: no secret ${name}`);
  }

  getVariable(c: Container, name: string): StoredVariable | undefined {
    const r = this.variableState(c).variables.get(canonicalName(name));
    return r ? variableSnapshot(r) : undefined;
  }

  listVariables(c: Container): StoredVariable[] {
    return sortedByName(this.variableState(c).variables.values()).map(variableSnapshot);
  }

  putVariableBehindBack(c: Container, name: string, value: string | undefined, extra?: BehindBackExtra): void {
    const state = this.variableState(c);
    const n = validName("variable", name);
    plain(`putVariableBehindBack(${n})`, () => {
      const w = { visibility: extra?.visibility, selectedRepositoryIds: this.ids(state.container, extra, "ActionsVariable") };
      if (state.variables.has(n)) updateVariable(this.core, state, n, { ...w, value });
      else {
        if (value === undefined) throw new Error(`putVariableBehindBack: no variable ${n} to update`);
        createVariable(this.core, state, n, value, w);
      }
    });
  }

  deleteVariableBehindBack(c: Container, name: string): void {
    if (!this.variableState(c).variables.delete(canonicalName(name))) throw new Error(`deleteVariableBehindBack: no variable ${name}`);
  }

  publicKey(c: Container): { keyId: string; key: string } {
    const { keyPair } = this.state(c);
    return { keyId: keyPair.keyId, key: toBase64(keyPair.publicKey) };
  }

  rotateKey(c: Container): void {
    this.core.store.rotateKey(resolveContainer(this.core.world, c));
  }

  addRepository(owner: string, repo: string, opts?: { id?: number; environments?: string[]; private?: boolean }): number {
    return this.core.world.addRepository(owner, repo, opts);
  }

  addEnvironment(owner: string, repo: string, environment: string): void {
    this.core.world.addEnvironment(owner, repo, environment);
  }

  addOrganization(login: string, opts?: { id?: number }): void {
    this.core.world.addOrganization(login, opts?.id);
  }

  injectFault(f: FaultSpec): FaultHandle {
    return this.server.faults.add(f);
  }

  clearFaults(): void {
    this.server.faults.clear();
  }

  setReadAfterWriteDelay(ms: number): void {
    this.core.readAfterWrite.setDelay(ms);
  }

  setReadAfterWriteMisses(count: number): void {
    this.core.readAfterWrite.setMisses(count);
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("latency must be a finite, non-negative number");
    this.server.latencyMs = ms;
  }

  setEchoRequests(on: boolean): void {
    this.server.echoRequests = on;
  }

  setSecondaryRateLimit(options: SecondaryRateLimitOptions | undefined): void {
    this.server.secondary.configure(options);
  }

  clearRequests(): void {
    this.server.log.clear();
  }

  findRequests(filter?: RequestFilter): RecordedRequest[] {
    return this.server.log.find(filter);
  }

  countWrites(filter?: RequestFilter): number {
    return this.server.log.countWrites(filter);
  }

  maxConcurrency(filter?: RequestFilter): number {
    return this.server.log.maxConcurrency(filter);
  }

  addApp(spec?: AppSpec): EmulatorApp {
    return this.core.apps.add(spec);
  }

  get apps(): EmulatorApp[] {
    return this.core.apps.list();
  }

  setInstallationTokenLifetime(seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 1) throw new Error("the token lifetime must be a whole number of seconds, at least 1");
    this.core.apps.tokenLifetimeSeconds = seconds;
  }

  issuedInstallationTokens(): IssuedInstallationToken[] {
    return this.core.apps.issuedTokens();
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<GitHubEmulator> {
  await sodiumReady();
  const validator = OpenApiValidator.load(options.schemaFile);
  const routes = buildRoutes();
  // Fail loudly when the schema file lacks an operation the emulator serves.
  validator.requireOperations(routes.map((r) => r.key));
  const core = new EmulatorCore(validator, options.seed ?? true);
  for (const app of options.apps ?? []) core.apps.add(app);
  core.apps.markSeed();
  const token = options.token ?? `ghp_emulator_${randomBytes(12).toString("hex")}`;
  const pathPrefix = (options.pathPrefix ?? "").replace(/\/+$/, "");
  if (pathPrefix !== "" && !/^(\/[A-Za-z0-9._~-]+)+$/.test(pathPrefix)) throw new Error(`pathPrefix must look like "/api/v3", got ${JSON.stringify(options.pathPrefix)}`);
  const server = new EmulatorServer({ core, router: new Router(routes), token, pathPrefix });
  const url = await server.listen(options.port ?? 0);
  core.origin = url;
  return new Emulator(url, token, core, server);
}
