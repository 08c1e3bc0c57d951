import { CONFIG_KEYS, readStackSettings, resolveConfiguration, type ConfigKeys } from "../deployment/configuration";
import type { ProviderConfiguration } from "../types";
import { unwrapProperties, wrapProperties, type PropertyMap } from "./rpc-values";

/*
 * The plugin's settings live in its own namespace, `github-secrets:`, so that a program using
 * both this plugin and `@pulumi/github` configures each on its own. The engine hands the stack's
 * keys of that namespace to the plugin as its default provider's inputs: through `CheckConfig`,
 * whose result the engine stores with the provider in the state, then `Configure`. The same
 * environment variables as for the dynamic resources fill what the stack leaves out.
 * https://www.pulumi.com/docs/iac/concepts/resources/providers/#default-provider-configuration
 */

export const PLUGIN_CONFIG_KEYS = {
  token: "github-secrets:token",
  appAuth: "github-secrets:appAuth",
  baseUrl: "github-secrets:baseUrl",
  owner: "github-secrets:owner",
  writeIntervalMs: "github-secrets:writeIntervalMs",
  maxRateLimitWaitSeconds: "github-secrets:maxRateLimitWaitSeconds",
} as const satisfies ConfigKeys;

/** The inputs that hold credentials: kept as secrets in the state whether or not the stack set them with `--secret`. */
const CREDENTIAL_INPUTS = ["token", "appAuth"] as const;

/** The provider's inputs as a configuration reader: `github-secrets:token` is the input `token`. */
function settingsReader(inputs: PropertyMap) {
  return { get: (key: string) => inputs[key.slice(key.indexOf(":") + 1)] as never };
}

/** The connection settings from the provider's inputs (plain), the environment filling the gaps. */
export function pluginConfiguration(inputs: PropertyMap, env: NodeJS.ProcessEnv): ProviderConfiguration {
  return resolveConfiguration(readStackSettings(settingsReader(inputs), PLUGIN_CONFIG_KEYS), env, PLUGIN_CONFIG_KEYS);
}

/**
 * `CheckConfig`: the stack's settings checked before any resource is touched, each failure
 * naming the setting and the rule. No failure names an input: the engine would print the
 * input beside it, and a token or an API root with a password in it must not be printed.
 */
export function checkConfig(news: PropertyMap | undefined): { inputs: PropertyMap; failures: { property: string; reason: string }[] } {
  const { plain, secrets } = unwrapProperties(news);
  const failures: { property: string; reason: string }[] = [];
  try {
    // The environment plays no part here: what is checked is what the state will record.
    const { credentialProblem } = pluginConfiguration(plain, {});
    if (credentialProblem) failures.push({ property: "", reason: renameSettings(credentialProblem) });
  } catch (error) {
    failures.push({ property: "", reason: renameSettings((error as Error).message) });
  }
  return { inputs: wrapProperties(plain, new Set([...secrets, ...CREDENTIAL_INPUTS])), failures };
}

/** The `Configure` request's settings: its checked inputs, else (from an older engine) its `pkg:config:key` variables. */
export function configureInputs(args: PropertyMap | undefined, variables: ReadonlyMap<string, string>): PropertyMap {
  if (args !== undefined && Object.keys(args).length > 0) return unwrapProperties(args).plain;
  const inputs: PropertyMap = {};
  for (const [name, value] of variables) {
    const key = name.slice(name.lastIndexOf(":") + 1);
    if (name.startsWith("github-secrets:")) inputs[key] = value;
  }
  return inputs;
}

const DYNAMIC_TO_PLUGIN: readonly (readonly [string, string])[] = (Object.keys(CONFIG_KEYS) as (keyof ConfigKeys)[]).map(
  (name) => [CONFIG_KEYS[name], PLUGIN_CONFIG_KEYS[name]] as const,
);

/**
 * A message as the plugin's user must read it. Messages are written once, for every path, in
 * the dynamic resources' words (`github:token`, `githubSecrets:writeIntervalMs`); the plugin's
 * settings have other names, so each is renamed here on the way out.
 */
export function renameSettings(message: string): string {
  let renamed = message;
  for (const [dynamicKey, pluginKey] of DYNAMIC_TO_PLUGIN) renamed = renamed.split(dynamicKey).join(pluginKey);
  return renamed;
}
