// A stateful emulator of GitHub's REST API for Actions/Dependabot/Codespaces secrets and Actions
// variables. `startEmulator()` listens on 127.0.0.1; the returned object is both the handle the
// tests drive (behind-the-back changes, faults, clock, request log) and the API root URL that
// Octokit clients use as `baseUrl`.

// First: a clear message when the emulator's optional peer dependencies are not installed.
import "./peer-dependencies";
import { randomBytes } from "node:crypto";
import { EmulatorCore } from "./core";
import type { GitHubEmulator } from "./github-emulator";
import { Emulator } from "./handle";
import { OpenApiValidator } from "./openapi-validator";
import { buildRoutes, Router } from "./routes";
import { sodiumReady } from "./sealed-box";
import { EmulatorServer } from "./server";
import type { AppSpec } from "./types";
import type { WorldSeed } from "./world";

export { faults, type FaultTarget } from "./faults";
export { GITHUB_CONTENT_CREATION_LIMITS } from "./rate-limit";
export { isoSeconds } from "./clock";
export type { OpenApiValidator } from "./openapi-validator";
export { DEFAULT_SEED, type WorldSeed } from "./world";
export * from "./types";
export type { GitHubEmulator } from "./github-emulator";

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
