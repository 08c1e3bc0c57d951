import * as pulumi from "@pulumi/pulumi";
import { scopeOfArguments, type Scope } from "../scopes";
import type { ResourceClassName } from "../types";
import { providerFor } from "./provider-objects";

/** The type token's module: resources appear as `pulumi-nodejs:dynamic/github-secrets:RepoSecret`. */
export const MODULE = "github-secrets";

/*
 * Every key of a resource's props costs the SDK a promise, an Output and a captured stack trace
 * in the user's program (`transferProperties` in @pulumi/pulumi's runtime/rpc.js), and the engine
 * a property, for every resource of every `preview` and `up`. So the props hold only what the
 * caller gave and what the provider computes: no `undefined` placeholders for inputs left out.
 */

/** Outputs the provider adds to the inputs; a dynamic resource only exposes keys it was given. */
const STAMPS = { createdAt: undefined, updatedAt: undefined };
/** With a selection of repositories, also the ids of the selected repositories. */
const SELECTION_STAMPS = { ...STAMPS, selectedRepositoryIds: undefined };
/** Inputs the provider computes when left out: an organization's visibility, a selection's list. */
const SELECTION_INPUTS = {
  none: {},
  organization: { visibility: undefined, selectedRepositories: undefined },
  user: { selectedRepositories: undefined },
} as const;

/** What `pulumi.dynamic.Resource`'s constructor takes for a resource of `resourceClass`, in the scope its arguments name. */
export function registration(
  resourceClass: ResourceClassName,
  name: string,
  args: object,
  opts: pulumi.CustomResourceOptions | undefined,
): [pulumi.dynamic.ResourceProvider, string, pulumi.Inputs, pulumi.CustomResourceOptions | undefined, string, string] {
  const scope = scopeOfArguments(resourceClass, args);
  return [providerFor(scope.key), name, propsFor(scope, args), scope.kind === "secret" ? secretOptions(opts) : opts, MODULE, resourceClass];
}

/**
 * A secret's value is a Pulumi secret in state whether or not the caller wrapped it: wrapped on
 * the way in, and listed in `additionalSecretOutputs` on the way out (`secretOptions`). A
 * variable's value stays as the caller gave it: plain, or secret if passed as a Pulumi secret.
 */
function propsFor(scope: Scope, args: object): Record<string, unknown> {
  // `user: true` only chooses the scope (a Codespaces secret of the user); it is no input.
  const { user: _user, ...given } = args as { user?: unknown };
  const props: Record<string, unknown> = { ...(scope.selection === "none" ? STAMPS : SELECTION_STAMPS), ...SELECTION_INPUTS[scope.selection], ...given };
  if (scope.kind === "secret") {
    for (const key of ["value", "valueEncrypted"]) {
      if (props[key] !== undefined) props[key] = pulumi.secret(props[key] as pulumi.Input<string>);
    }
  }
  return props;
}

function secretOptions(opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
  return {
    ...opts,
    // The fingerprint is not the value, but a guess at the value can be checked against it.
    additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "value", "valueEncrypted", "valueFingerprint"],
  };
}

/** Inputs a caller may leave out, which the provider then leaves out of the outputs too. */
const OPTIONAL_OUTPUTS = {
  secret: ["value", "valueEncrypted", "keyId", "valueFrom", "valueFingerprint", "onDrift"],
  variable: ["onDrift"],
} as const;

/**
 * Gives each declared output the caller left out an Output of `undefined`, as the engine would
 * have (the provider returns nothing for it), without sending a key for it: `secret.onDrift`
 * is an Output whatever the caller passed, as its declared type says.
 */
export function exposeAbsentOutputs(resource: pulumi.Resource, kind: Scope["kind"]): void {
  for (const name of OPTIONAL_OUTPUTS[kind]) {
    if ((resource as unknown as Record<string, unknown>)[name] === undefined) {
      Object.defineProperty(resource, name, { value: absent(), enumerable: true });
    }
  }
}

let absentOutput: pulumi.Output<undefined> | undefined;
/** One known, empty Output for all: it has no value to hide and depends on nothing. */
function absent(): pulumi.Output<undefined> {
  absentOutput ??= pulumi.output(undefined);
  return absentOutput;
}
