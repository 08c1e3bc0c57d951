import type * as pulumi from "@pulumi/pulumi";
import type { ScopeKey } from "./types";

/**
 * The provider object Pulumi serializes into every resource's `__provider` property. It holds
 * nothing but its scope's key: each method loads the implementation by package name when it
 * runs, in the provider's process. So the serialized text stays small, carries no token or
 * client (pulumi/pulumi#8265), survives a move to another checkout or machine, and every
 * resource class shares one module instance per process: one configuration, one key cache,
 * one write queue. https://www.pulumi.com/docs/iac/concepts/resources/dynamic-providers/
 */
export function providerFor(scope: ScopeKey): pulumi.dynamic.ResourceProvider {
  return {
    configure: async (request) => implementation().configure(request),
    check: async (olds, news) => implementation().check(scope, olds, news),
    diff: async (id, olds, news) => implementation().diff(scope, id, olds, news),
    create: async (inputs) => implementation().create(scope, inputs),
    read: async (id, props) => implementation().read(scope, id, props),
    update: async (id, olds, news) => implementation().update(scope, id, olds, news),
    delete: async (id, props) => implementation().delete(scope, id, props),
  };
}

function implementation(): typeof import("./operations") {
  // Resolved by package name from the program's directory, like any dependency of it.
  return require("pulumi-github-secrets/dist/provider/operations.js");
}
