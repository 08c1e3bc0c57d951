import type * as pulumi from "@pulumi/pulumi";
import { readStackSettings, resolveConfiguration } from "../../provider/deployment/configuration";
import { Deployment, type DeploymentOptions } from "../../provider/deployment/deployment";
import { check } from "../../provider/lifecycle/check";
import { diff } from "../../provider/lifecycle/diff";
import { read } from "../../provider/lifecycle/read";
import { create, delete as remove, update } from "../../provider/lifecycle/write";

/*
 * Each test runs as its own provider process would: with a Deployment of its own (settings,
 * clients, caches, write journal), never one a previous test filled.
 */

let current: Deployment | undefined;

/** The test's deployment: the last one `startDeployment` made, else one configured by the environment as it is now. */
export function deployment(): Deployment {
  return (current ??= new Deployment(resolveConfiguration({}, process.env)));
}

/**
 * A new deployment for the rest of the test, as a new provider process configured with this
 * stack configuration (and the environment as it is now) would have.
 */
export function startDeployment(config: Readonly<Record<string, unknown>> = {}, options: DeploymentOptions = {}): Deployment {
  current = new Deployment(resolveConfiguration(readStackSettings(stackConfig(config)), process.env), options);
  return current;
}

/** The next phase of a Pulumi command: a new provider process, configured the same, that has learned nothing yet. */
export function newProviderProcess(): Deployment {
  const { configuration, secondMs } = deployment();
  current = new Deployment(configuration, { secondMs });
  return current;
}

/** Stack configuration as `configure` receives it. */
export function stackConfig(config: Readonly<Record<string, unknown>>): pulumi.dynamic.Config {
  // The engine hands over object-valued keys (github:appAuth) as objects; the SDK's type says string.
  const get = (key: string) => config[key] as string | undefined;
  return { get, require: (key: string) => get(key)! };
}

/** Root hook, before each test: the next use makes a new deployment. */
export function leaveDeployment(): void {
  current = undefined;
}

type WithoutDeployment<F> = F extends (deployment: Deployment, ...rest: infer R) => infer T ? (...args: R) => T : never;

/** The calls the engine makes, on the test's deployment. */
export const provider = {
  check: ((...args) => check(deployment(), ...args)) as WithoutDeployment<typeof check>,
  diff: ((...args) => diff(deployment(), ...args)) as WithoutDeployment<typeof diff>,
  read: ((...args) => read(deployment(), ...args)) as WithoutDeployment<typeof read>,
  create: ((...args) => create(deployment(), ...args)) as WithoutDeployment<typeof create>,
  update: ((...args) => update(deployment(), ...args)) as WithoutDeployment<typeof update>,
  delete: ((...args) => remove(deployment(), ...args)) as WithoutDeployment<typeof remove>,
};
