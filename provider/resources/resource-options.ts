import * as pulumi from "@pulumi/pulumi";

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
/** With an organization-level selection, also the ids of the selected repositories. */
const SELECTION_STAMPS = { ...STAMPS, selectedRepositoryIds: undefined };

/**
 * A secret's value is a Pulumi secret in state whether or not the caller wrapped it:
 * wrapped on the way in, and listed in `additionalSecretOutputs` on the way out.
 */
export function secretProps(args: object, selection = false): Record<string, unknown> {
  const props: Record<string, unknown> = { ...(selection ? SELECTION_STAMPS : STAMPS), ...args };
  for (const key of ["value", "valueEncrypted"]) {
    if (props[key] !== undefined) props[key] = pulumi.secret(props[key] as pulumi.Input<string>);
  }
  return props;
}

/** A variable's value stays as the caller gave it: plain, or secret if passed as a Pulumi secret. */
export function variableProps(args: object, selection = false): Record<string, unknown> {
  return { ...(selection ? SELECTION_STAMPS : STAMPS), ...args };
}

/** Inputs a caller may leave out, which the provider then leaves out of the outputs too. */
export const OPTIONAL_SECRET_OUTPUTS = ["value", "valueEncrypted", "keyId", "valueFrom", "valueFingerprint", "onDrift"] as const;
export const OPTIONAL_VARIABLE_OUTPUTS = ["onDrift"] as const;

/**
 * Gives each declared output the caller left out an Output of `undefined`, as the engine would
 * have (the provider returns nothing for it), without sending a key for it: `secret.onDrift`
 * is an Output whatever the caller passed, as its declared type says.
 */
export function exposeAbsentOutputs(resource: pulumi.Resource, names: readonly string[]): void {
  for (const name of names) {
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

export function secretOptions(opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
  return {
    ...opts,
    // The fingerprint is not the value, but a guess at the value can be checked against it.
    additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "value", "valueEncrypted", "valueFingerprint"],
  };
}
