import type * as pulumi from "@pulumi/pulumi";
import type { ScopeKey } from "./types";

/*
 * The methods of every serialized provider: each provider object (resources/provider-objects.ts)
 * is `Object.create(<these exports>)` plus its scope. Pulumi's serializer writes the exports of
 * a module under node_modules as `require("<package>/<path>")`, so a `__provider` is that one
 * `require` and the scope: no token, URL, absolute path or code, unchanged by an upgrade. This
 * module path is therefore public API. The methods reach operations.ts by package name when
 * they run, so they resolve the installed package even when serialized from a checkout.
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
