import type * as pulumi from "@pulumi/pulumi";
import { APP_AUTH_KEY, appSettingsFromEnvironment, appSettingsFromStack, type AppSettings } from "./app-credentials";
import type { ProviderConfiguration } from "../types";

/**
 * Connection settings for this process. The stack's configuration arrives through the
 * dynamic provider's `configure` (Pulumi 3.139+), decrypted, in the provider's process; it
 * is kept here, in module state reached by package name, so that it never becomes part of
 * the serialized provider in `__provider` (pulumi/pulumi#8265).
 */
let stackConfiguration: Partial<ProviderConfiguration> & { appSettings?: AppSettings } = {};

export const DEFAULT_BASE_URL = "https://api.github.com";
/** GitHub asks integrations to leave about a second between writes: https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api */
export const DEFAULT_WRITE_INTERVAL_MS = 1000;
/** How long one request may wait for GitHub's rate limits in all: a primary limit resets within the hour. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 600;

/** The keys `@pulumi/github` reads, so one stack configuration serves both. */
export const CONFIG_KEYS = {
  token: "github:token",
  appAuth: APP_AUTH_KEY,
  baseUrl: "github:baseUrl",
  owner: "github:owner",
  writeIntervalMs: "githubSecrets:writeIntervalMs",
  maxRateLimitWaitSeconds: "githubSecrets:maxRateLimitWaitSeconds",
} as const;

export function applyStackConfiguration(config: pulumi.dynamic.Config): void {
  const read = (key: string) => {
    const value = config.get(key);
    return value === undefined || value === "" ? undefined : String(value);
  };
  stackConfiguration = {
    token: read(CONFIG_KEYS.token),
    appSettings: appSettingsFromStack(config.get(CONFIG_KEYS.appAuth)),
    baseUrl: read(CONFIG_KEYS.baseUrl),
    owner: read(CONFIG_KEYS.owner),
    writeIntervalMs: parseWhole(read(CONFIG_KEYS.writeIntervalMs), CONFIG_KEYS.writeIntervalMs, "milliseconds"),
    maxRateLimitWaitSeconds: parseWhole(read(CONFIG_KEYS.maxRateLimitWaitSeconds), CONFIG_KEYS.maxRateLimitWaitSeconds, "seconds"),
  };
}

/**
 * Stack configuration first, then the environment, then defaults. Credentials, first found wins:
 * `github:appAuth`, `github:token`, GITHUB_APP_* (all three), GITHUB_TOKEN / GH_TOKEN. So, as in
 * `@pulumi/github` and Terraform, an App configured beside a token is used instead of the token.
 * The API root: `github:baseUrl`, GITHUB_BASE_URL (what `@pulumi/github` reads, set on purpose),
 * GITHUB_API_URL (set by GitHub Actions for every job), https://api.github.com.
 */
export function currentConfiguration(env: NodeJS.ProcessEnv = process.env): ProviderConfiguration {
  const fromEnv = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v !== "");
  const baseUrl = stackConfiguration.baseUrl ?? fromEnv("GITHUB_BASE_URL", "GITHUB_API_URL") ?? DEFAULT_BASE_URL;
  const credentials = chooseCredentials(
    stackConfiguration.appSettings,
    stackConfiguration.token,
    () => appSettingsFromEnvironment(env),
    () => fromEnv("GITHUB_TOKEN", "GH_TOKEN"),
  );
  return {
    ...credentials,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    owner: stackConfiguration.owner ?? fromEnv("GITHUB_OWNER"),
    writeIntervalMs:
      stackConfiguration.writeIntervalMs ??
      parseWhole(fromEnv("GITHUB_SECRETS_WRITE_INTERVAL_MS"), "GITHUB_SECRETS_WRITE_INTERVAL_MS", "milliseconds") ??
      DEFAULT_WRITE_INTERVAL_MS,
    maxRateLimitWaitSeconds:
      stackConfiguration.maxRateLimitWaitSeconds ??
      parseWhole(fromEnv("GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS"), "GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS", "seconds") ??
      DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
  };
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

/** Forgets the stack configuration (tests). */
export function resetConfiguration(): void {
  stackConfiguration = {};
}

function parseWhole(raw: string | undefined, name: string, unit: "milliseconds" | "seconds"): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of ${unit}, got "${raw}"`);
  return n;
}
