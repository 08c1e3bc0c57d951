// Public and shared types of the GitHub REST API emulator: scopes and what they hold, faults,
// the request log, rate limits, the clock and GitHub Apps. The handle itself is in
// github-emulator.ts.

export type App = "actions" | "dependabot" | "codespaces";
export type Visibility = "all" | "private" | "selected";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Addresses one scope instance ("container") holding secrets (and, for Actions, variables):
 * - `{ app, owner, repo }`: a repository's Actions, Dependabot or Codespaces secrets
 * - `{ app: "actions", owner, repo, environment }`: an environment's Actions secrets/variables
 * - `{ app, org }`: an organization's Actions, Dependabot or Codespaces secrets
 * - `{ app: "codespaces", user: true }`: the authenticated user's Codespaces secrets
 */
export type Container =
  | { app: App; owner: string; repo: string; environment?: undefined }
  | { app: "actions"; owner: string; repo: string; environment: string }
  | { app: App; org: string }
  | { app: "codespaces"; user: true };

/** What landed in a secret, as the emulator decrypted it. Timestamps are ISO 8601 (second precision). */
export interface StoredSecret {
  name: string;
  /** The decrypted plaintext as UTF-8 text. */
  value: string;
  /** The decrypted plaintext bytes. */
  bytes: Uint8Array;
  createdAt: string;
  updatedAt: string;
  /** Organization scopes only. */
  visibility?: Visibility;
  /** Organization scopes with visibility `selected`, and user Codespaces secrets. */
  selectedRepositoryIds?: number[];
}

export interface StoredVariable {
  name: string;
  value: string;
  createdAt: string;
  updatedAt: string;
  visibility?: Visibility;
  selectedRepositoryIds?: number[];
}

/** Options of the behind-the-back writers. */
export interface BehindBackExtra {
  visibility?: Visibility;
  selectedRepositoryIds?: number[];
}

export type PathMatcher = string | RegExp | ((path: string) => boolean);

/**
 * Makes the next matching request(s) fail. A request matches when every given criterion matches:
 * - `method`: HTTP method (case-insensitive)
 * - `route`: an OpenAPI template, either "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"
 *   or just "/repos/{owner}/{repo}/actions/secrets/{secret_name}" (then any method, or `method`)
 * - `path`: the raw request path (no query string): exact string, RegExp, or predicate
 */
export interface FaultSpec {
  method?: string;
  route?: string;
  path?: PathMatcher;
  status: number;
  /** How many matching requests fail (default 1; `Infinity` until cleared). */
  times?: number;
  headers?: Record<string, string>;
  /** Response body (JSON). Default: GitHub-style `{ message, documentation_url, status }`. */
  body?: unknown;
  /** Hold the response this long before answering. */
  delayMs?: number;
}

export interface FaultHandle {
  /** Matching requests answered by this fault so far. */
  readonly hits: number;
  /** Matching requests it will still answer. */
  readonly remaining: number;
  cancel(): void;
}

export interface RecordedRequest {
  /** 1, 2, 3… in arrival order (restarts at 1 after reset/clearRequests). */
  seq: number;
  method: string;
  /** The path exactly as received (still percent-encoded), without the query string. */
  path: string;
  /** The raw query string without "?" ("" when none). */
  query: string;
  /** The OpenAPI operation, e.g. "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"; undefined when no route matched. */
  route: string | undefined;
  /** Path parameters, percent-decoded once. */
  params: Record<string, string>;
  status: number;
  /** The parsed JSON body, or undefined (no body, or not JSON). */
  body: unknown;
  /** A subset of the request headers (authorization redacted to its scheme). */
  headers: Record<string, string>;
  /** True when an injected fault (or the emulated secondary rate limit) answered. */
  fault: boolean;
  /** Epoch milliseconds (real time) when the request arrived / was answered. */
  startedAt: number;
  finishedAt: number;
}

export interface RequestFilter {
  method?: string;
  /** Same forms as FaultSpec.route. */
  route?: string;
  path?: PathMatcher;
  status?: number;
  fault?: boolean;
}

export interface SecondaryRateLimitOptions {
  /** Writes (POST/PUT/PATCH/DELETE) in flight at once beyond which a write is refused. */
  maxConcurrentWrites?: number;
  /** Minimum real time between the starts of two writes. */
  minWriteIntervalMs?: number;
  /** `retry-after` seconds sent with the refusal (default 1). */
  retryAfterSeconds?: number;
  /** 403 (default) or 429. */
  status?: 403 | 429;
}

/**
 * GitHub's limit on content creation: at most `count` content-creating requests (here every
 * POST, PUT, PATCH and DELETE) in any `windowMs` of real time. github.com: 80 per minute and
 * 500 per hour (GITHUB_CONTENT_CREATION_LIMITS).
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
export interface ContentCreationWindow {
  count: number;
  windowMs: number;
}

export interface EmulatorClock {
  now(): Date;
  /** Freezes the clock at `d` (until `advance` or `reset`). */
  set(d: Date): void;
  advance(ms: number): void;
}

export type Permission = "read" | "write";

/** Where an App is installed and what it may do there. */
export interface AppInstallationSpec {
  /** Installation id (default: the next free one, from 1). */
  id?: number;
  /** The organization or user the App is installed on. */
  account: string;
  /** Repository names of that account the installation may reach, or "all" (default). */
  repositories?: "all" | string[];
  /** GitHub's permission names, e.g. `{ secrets: "write" }`. Default: every secrets and variables permission, "write". */
  permissions?: Record<string, Permission>;
}

/** A GitHub App the emulator knows: it verifies the App's JWTs with the App's RSA key. */
export interface AppSpec {
  /** App id, the JWT's `iss` (default: the next free one, from 1). */
  id?: number;
  slug?: string;
  /** The App's private key (PEM). Default: a fresh 2048-bit RSA key. */
  privateKey?: string;
  /** Default: one installation on octo-org with all repositories and permissions. */
  installations?: AppInstallationSpec[];
}

export interface EmulatorApp {
  id: number;
  slug: string;
  /** PEM (PKCS#1, "BEGIN RSA PRIVATE KEY", as GitHub hands it out): `github:appAuth.pemFile`. */
  privateKey: string;
  installations: { id: number; account: string; repositories: "all" | string[]; permissions: Record<string, Permission> }[];
}

/** An installation token the emulator issued (tests search state and logs for it). */
export interface IssuedInstallationToken {
  token: string;
  installationId: number;
  /** ISO 8601, as in the response's `expires_at`. */
  expiresAt: string;
  /** Requests authenticated with it. */
  uses: number;
}
