import { APP_ENV } from "../deployment/app-credentials";

/*
 * The environment a `valueFrom` command runs with: the provider process's (the one `pulumi`
 * was started with, which the password manager's CLI needs: PATH, HOME, OP_SERVICE_ACCOUNT_TOKEN,
 * VAULT_ADDR, AWS_PROFILE…), without the credentials the provider and the engine hold. A
 * command is a third-party program; it has no business with the GitHub token this provider
 * writes with, nor with what decrypts the stack.
 */

/**
 * Variables removed by name. The GitHub credentials this library reads (configuration.ts,
 * app-credentials.ts); Pulumi's secrets-provider passphrase, Pulumi Cloud token and backend URL
 * (a self-managed backend's may carry a database password:
 * https://www.pulumi.com/docs/iac/cli/environment-variables/); and the configuration the
 * dynamic provider's host is given in its environment: PULUMI_CONFIG is the JSON of a
 * configuration, secrets decrypted, in the SDK's runtime (@pulumi/pulumi runtime/config.ts).
 */
export const CREDENTIAL_VARIABLES: readonly string[] = [
  "GITHUB_TOKEN",
  "GH_TOKEN",
  APP_ENV.id,
  APP_ENV.installationId,
  APP_ENV.pemFile,
  "PULUMI_CONFIG_PASSPHRASE",
  "PULUMI_CONFIG_PASSPHRASE_FILE",
  "PULUMI_ACCESS_TOKEN",
  "PULUMI_BACKEND_URL",
  "PULUMI_CONFIG",
  "PULUMI_CONFIG_SECRET_KEYS",
];

/** The variables above whose value is itself a secret: another variable holding the same value is removed too. */
const SECRET_VALUED: readonly string[] = ["GITHUB_TOKEN", "GH_TOKEN", APP_ENV.pemFile, "PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN"];

/**
 * `env` without CREDENTIAL_VARIABLES and without any variable, under any name, whose value is
 * one of `secrets` (the configured token, the App's private key, installation tokens) or of a
 * secret-valued credential variable; except the names in `passEnvironment`, which the
 * program passes on purpose. A PEM is compared as `GITHUB_APP_PEM_FILE` is read: "\n" escapes
 * as line breaks, surrounding blanks ignored.
 */
export function commandEnvironment(env: NodeJS.ProcessEnv, secrets: Iterable<string | undefined>, passEnvironment?: readonly string[]): NodeJS.ProcessEnv {
  const canonical = (value: string) => value.replace(/\\n/g, "\n").trim();
  const held = new Set<string>();
  for (const secret of [...secrets, ...SECRET_VALUED.map((name) => env[name])]) {
    if (secret !== undefined && canonical(secret) !== "") held.add(canonical(secret));
  }
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const passed = passEnvironment?.includes(name);
    if (passed || (!CREDENTIAL_VARIABLES.includes(name) && !held.has(canonical(value)))) kept[name] = value;
  }
  return kept;
}
