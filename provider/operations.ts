import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";
import { readStackSettings, resolveConfiguration } from "./deployment/configuration";
import { Deployment } from "./deployment/deployment";
import { check as checkItem } from "./lifecycle/check";
import { diff as diffItem } from "./lifecycle/diff";

/*
 * The one entry of the provider's process. The methods serialized into every resource's
 * `__provider` (provider-methods.ts) require this module by package name when Pulumi calls
 * them; it holds the process's Deployment and hands each call, with its scope, to lifecycle/.
 * Its module path is public: a `__provider` serialized from a checkout names it.
 */

let deployment: Deployment | undefined;
/**
 * Why the last `configure` refused the stack's configuration. The SDK's host configures a
 * provider object once and, if that throws, goes on calling it unconfigured: every later call
 * must fail the same way, not fall back to the environment's settings.
 */
let refusal: Error | undefined;

export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const configuration = stickyRefusal(() => resolveConfiguration(readStackSettings(request.config), process.env));
  // The SDK's host configures each provider object (one per scope) once, all with the same
  // configuration: they share one deployment, so the writes of every scope keep one pace.
  if (!deployment || !isDeepStrictEqual(deployment.configuration, configuration)) deployment = new Deployment(configuration);
}

function stickyRefusal<T>(resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    refusal = error as Error;
    throw error;
  }
}

/** The process's deployment; settings from the environment alone if Pulumi never configured it. */
function current(): Deployment {
  if (refusal) throw refusal;
  return (deployment ??= new Deployment(resolveConfiguration({}, process.env)));
}

/*
 * `preview` and a no-change `up` only check and diff: the HTTP client, its plugins and the
 * cipher load when the first read or write runs, not with this module.
 */
type ReadPath = typeof import("./lifecycle/read");
type WritePath = typeof import("./lifecycle/write");
const reads = (): ReadPath => require("./lifecycle/read") as ReadPath;
const writes = (): WritePath => require("./lifecycle/write") as WritePath;
type WithoutDeployment<F> = F extends (deployment: Deployment, ...rest: infer R) => infer T ? (...args: R) => T : never;

export const check: WithoutDeployment<typeof checkItem> = (...args) => checkItem(current(), ...args);
export const diff: WithoutDeployment<typeof diffItem> = (...args) => diffItem(current(), ...args);
export const read: WithoutDeployment<ReadPath["read"]> = (...args) => reads().read(current(), ...args);
export const create: WithoutDeployment<WritePath["create"]> = (...args) => writes().create(current(), ...args);
export const update: WithoutDeployment<WritePath["update"]> = (...args) => writes().update(current(), ...args);
const remove: WithoutDeployment<WritePath["delete"]> = (...args) => writes().delete(current(), ...args);
export { remove as delete };
