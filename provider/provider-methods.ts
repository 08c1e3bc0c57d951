import type * as pulumi from "@pulumi/pulumi";
import type { ScopeKey } from "./types";

/*
 * The methods of every serialized provider, as the exports of one module: each provider object
 * (`dynamic-provider.ts`) is `Object.create(<these exports>)` with its scope as the only own
 * property. Pulumi's closure serializer captures an object that is the exports of a module
 * under node_modules as `require("<package>/<path>")`, and the prototype of a captured object
 * the same way. So a user's `__provider` is one `require` of this module by package name plus
 * the scope: about 400 characters, no token, URL, absolute path or method source. A new
 * version of the package changes nothing in it, so an upgrade shows no diff.
 *
 * The methods take the implementation by package name when they run, in the provider's
 * process, never at module load: loading this module in the user's program costs nothing, and
 * run from a checkout (serialized by value) they still resolve the installed package.
 */

interface ScopedProvider {
  readonly scope: ScopeKey;
}

type Implementation = typeof import("./operations");

function implementation(): Implementation {
  return require("pulumi-github-secrets/dist/provider/operations.js");
}

export function configure(request: pulumi.dynamic.ConfigureRequest) {
  return implementation().configure(request);
}

export function check(this: ScopedProvider, olds: Record<string, unknown>, news: Record<string, unknown>) {
  return implementation().check(this.scope, olds, news);
}

export function diff(this: ScopedProvider, ...args: Parameters<Implementation["diff"]> extends [ScopeKey, ...infer R] ? R : never) {
  return implementation().diff(this.scope, ...args);
}

export function create(this: ScopedProvider, ...args: Parameters<Implementation["create"]> extends [ScopeKey, ...infer R] ? R : never) {
  return implementation().create(this.scope, ...args);
}

export function read(this: ScopedProvider, ...args: Parameters<Implementation["read"]> extends [ScopeKey, ...infer R] ? R : never) {
  return implementation().read(this.scope, ...args);
}

export function update(this: ScopedProvider, ...args: Parameters<Implementation["update"]> extends [ScopeKey, ...infer R] ? R : never) {
  return implementation().update(this.scope, ...args);
}

function remove(this: ScopedProvider, ...args: Parameters<Implementation["delete"]> extends [ScopeKey, ...infer R] ? R : never) {
  return implementation().delete(this.scope, ...args);
}

export { remove as delete };
