import type * as pulumi from "@pulumi/pulumi";
import { checkedApiRoot } from "./api-root";
import { APP_AUTH_KEY, appSettingsFromEnvironment, appSettingsFromStack, type AppSettings } from "./app-credentials";
import type { ProviderConfiguration } from "../types";

/**
 * Connection settings. The stack's configuration arrives through the dynamic provider's
 * `configure` (Pulumi 3.139+), decrypted, in the provider's process, and is held by that
 * process's Deployment only: never by the serialized provider in `__provider`
 * (pulumi/pulumi#8265).
 */

/** What the stack's configuration says, before the environment and defaults fill the gaps. */
export type StackSettings = Partial<Omit<ProviderConfiguration, "app" | "credentialProblem">> & { appSettings?: AppSettings };

export const DEFAULT_BASE_URL = "https://api.github.com";
/** GitHub asks integrations to leave about a second between writes: https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api */
export const DEFAULT_WRITE_INTERVAL_MS = 1000;
/** How long one request may wait for GitHub's rate limits in all: a primary limit resets within the hour. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 600;

/** The stack configuration's names for each setting. */
export interface ConfigKeys {
  readonly token: string;
  readonly appAuth: string;
  readonly baseUrl: string;
  readonly owner: string;
  readonly writeIntervalMs: string;
  readonly maxRateLimitWaitSeconds: string;
}

/** The dynamic resources read the keys `@pulumi/github` reads, so one stack configuration serves both. */
export const CONFIG_KEYS = {
  token: "github:token",
  appAuth: APP_AUTH_KEY,
  baseUrl: "github:baseUrl",
  owner: "github:owner",
  writeIntervalMs: "githubSecrets:writeIntervalMs",
  maxRateLimitWaitSeconds: "githubSecrets:maxRateLimitWaitSeconds",
} as const satisfies ConfigKeys;

/** What the stack's configuration says under `keys` (the dynamic resources' by default; the plugin has its own). */
export function readStackSettings(config: Pick<pulumi.dynamic.Config, "get">, keys: ConfigKeys = CONFIG_KEYS): StackSettings {
  const read = (key: string) => {
    const value = config.get(key);
    return value === undefined || value === "" ? undefined : String(value);
  };
  return {
    token: read(keys.token),
    appSettings: appSettingsFromStack(config.get(keys.appAuth), keys.appAuth),
    baseUrl: read(keys.baseUrl),
    owner: read(keys.owner),
    writeIntervalMs: parseWhole(read(keys.writeIntervalMs), keys.writeIntervalMs, "milliseconds"),
    maxRateLimitWaitSeconds: parseWhole(read(keys.maxRateLimitWaitSeconds), keys.maxRateLimitWaitSeconds, "seconds"),
  };
}

/**
 * Stack configuration first, then the environment, then defaults. Credentials, first found wins:
 * `github:appAuth`, `github:token`, GITHUB_APP_* (all three), GITHUB_TOKEN / GH_TOKEN. So, as in
 * `@pulumi/github` and Terraform, an App configured beside a token is used instead of the token.
 * The API root: `github:baseUrl`, GITHUB_BASE_URL (what `@pulumi/github` reads, set on purpose),
 * GITHUB_API_URL (set by GitHub Actions for every job), https://api.github.com; https only,
 * but for loopback (see api-root.ts).
 */
export function resolveConfiguration(stack: StackSettings, env: NodeJS.ProcessEnv, keys: ConfigKeys = CONFIG_KEYS): ProviderConfiguration {
  const fromEnv = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v !== "");
  const baseUrl = apiRoot(stack.baseUrl, keys.baseUrl, fromEnv);
  const credentials = chooseCredentials(
    stack.appSettings,
    stack.token,
    () => appSettingsFromEnvironment(env),
    () => fromEnv("GITHUB_TOKEN", "GH_TOKEN"),
  );
  return {
    ...credentials,
    baseUrl,
    owner: stack.owner ?? fromEnv("GITHUB_OWNER"),
    writeIntervalMs:
      stack.writeIntervalMs ??
      parseWhole(fromEnv("GITHUB_SECRETS_WRITE_INTERVAL_MS"), "GITHUB_SECRETS_WRITE_INTERVAL_MS", "milliseconds") ??
      DEFAULT_WRITE_INTERVAL_MS,
    maxRateLimitWaitSeconds:
      stack.maxRateLimitWaitSeconds ??
      parseWhole(fromEnv("GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS"), "GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS", "seconds") ??
      DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
  };
}

/** The first API root set, checked against the setting that gave it, so that a refusal names that setting. */
function apiRoot(stackBaseUrl: string | undefined, key: string, fromEnv: (name: string) => string | undefined): string {
  if (stackBaseUrl !== undefined) return checkedApiRoot(stackBaseUrl, key);
  for (const name of ["GITHUB_BASE_URL", "GITHUB_API_URL"]) {
    const value = fromEnv(name);
    if (value !== undefined) return checkedApiRoot(value, name);
  }
  return DEFAULT_BASE_URL;
}

function chooseCredentials(
  stackApp: AppSettings | undefined,
  stackToken: string | undefined,
  envApp: () => AppSettings | undefined,
  envToken: () => string | undefined,
): Pick<ProviderConfiguration, "token" | "app" | "credentialProblem"> {
  const app = (settings: AppSettings) => ("problem" in settings ? { credentialProblem: settings.problem } : { app: settings.credentials });
  if (stackApp) return app(stackApp);
  if (stackToken) return { token: stackToken };
  const fromEnv = envApp();
  return fromEnv ? app(fromEnv) : { token: envToken() };
}

function parseWhole(raw: string | undefined, name: string, unit: "milliseconds" | "seconds"): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of ${unit}, got "${raw}"`);
  return n;
}
