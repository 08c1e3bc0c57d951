import type * as pulumi from "@pulumi/pulumi";
import * as methods from "../provider-methods";
import type { ScopeKey } from "../types";

/**
 * The provider object Pulumi serializes into every resource's `__provider` property: its
 * scope's key on top of the shared methods of `provider-methods.ts`, which load the
 * implementation by package name when they run, in the provider's process. So the serialized
 * text stays small, carries no token or client (pulumi/pulumi#8265), survives a move to
 * another checkout or machine and an upgrade of the package, and every resource class shares
 * one module instance per process: one configuration, one key cache, one write queue.
 * https://www.pulumi.com/docs/iac/concepts/resources/dynamic-providers/
 */
export function providerFor(scope: ScopeKey): pulumi.dynamic.ResourceProvider {
  // The prototype is the module's exports object itself (TypeScript's `import * as` of an ES
  // module hands it out as is), which the serializer writes as a `require` by package name.
  // One object per scope: the SDK caches each provider object's serialization (a WeakMap in
  // @pulumi/pulumi/dynamic), so a new object per resource would serialize it again for each.
  let provider = providers.get(scope);
  if (!provider) {
    provider = Object.assign(Object.create(methods) as pulumi.dynamic.ResourceProvider, { scope });
    providers.set(scope, provider);
  }
  return provider;
}

const providers = new Map<ScopeKey, pulumi.dynamic.ResourceProvider>();
