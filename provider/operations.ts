import type * as pulumi from "@pulumi/pulumi";
import { applyStackConfiguration, currentConfiguration } from "./configuration";
import { scopeFor } from "./scopes";
import type { ScopeKey } from "./types";
import { checkInputs } from "./validation";

/*
 * The one implementation of check, diff, create, read, update and delete, for every scope
 * in `scopes.ts`. The serialized dynamic provider (`dynamic-provider.ts`) only forwards here.
 * Each path has its module: `diff.ts`, `read.ts`, `write.ts` (create, update, delete).
 */

export { diff } from "./diff";
export { read } from "./read";
export { create, delete, update } from "./write";

export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  applyStackConfiguration(request.config);
}

export async function check(
  key: ScopeKey,
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult> {
  return checkInputs(scopeFor(key), news, currentConfiguration().owner);
}
