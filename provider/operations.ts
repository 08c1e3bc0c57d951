import type * as pulumi from "@pulumi/pulumi";
import { applyStackConfiguration, currentConfiguration } from "./deployment/configuration";
import { scopeFor } from "./scopes";
import type { ScopeKey, ValueSource } from "./types";
import { checkInputs } from "./lifecycle/input-rules";
import { isUnknownSource, readSource } from "./values/value-sources";

/*
 * The one implementation of check, diff, create, read, update and delete, for every scope
 * in `scopes.ts`. The serialized dynamic provider (`dynamic-provider.ts`) only forwards here.
 * Each path has its module: `diff.ts`, `read.ts`, `write.ts` (create, update, delete).
 */

export { diff } from "./lifecycle/diff";

/*
 * `preview` and a no-change `up` only check and diff: the HTTP client, its plugins and the
 * cipher load when the first read or write runs, not with this module (they were most of its
 * load time, paid by every command).
 */
type ReadPath = typeof import("./lifecycle/read");
type WritePath = typeof import("./lifecycle/write");
let readPath: ReadPath | undefined;
let writePath: WritePath | undefined;
const reads = (): ReadPath => (readPath ??= require("./lifecycle/read") as ReadPath);
const writes = (): WritePath => (writePath ??= require("./lifecycle/write") as WritePath);

export const read: ReadPath["read"] = (...args) => reads().read(...args);
export const create: WritePath["create"] = (...args) => writes().create(...args);
export const update: WritePath["update"] = (...args) => writes().update(...args);
const remove: WritePath["delete"] = (...args) => writes().delete(...args);
export { remove as delete };

export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  applyStackConfiguration(request.config);
}

export async function check(
  key: ScopeKey,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult> {
  const checked = checkInputs(scopeFor(key), news, currentConfiguration().owner);
  const source = checked.inputs.valueFrom;
  // A new resource has no diff, where a source is otherwise read: read it here, so that a
  // missing source stops the preview. The failure names no property: it is about the source.
  if (checked.failures.length === 0 && source !== undefined && source !== null && !isUnknownSource(source) && Object.keys(olds).length === 0) {
    try {
      await readSource(source as ValueSource);
    } catch (error) {
      checked.failures.push({ property: "", reason: (error as Error).message });
    }
  }
  return checked;
}
