import * as pulumi from "@pulumi/pulumi";

/** The type token's module: resources appear as `pulumi-nodejs:dynamic/github-secrets:RepoSecret`. */
export const MODULE = "github-secrets";

/** Outputs the provider adds to the inputs; a dynamic resource only exposes keys it was given. */
const COMPUTED_OUTPUTS = { createdAt: undefined, updatedAt: undefined, selectedRepositoryIds: undefined, onDrift: undefined };
/** A secret's too: the source of `valueFrom` and the fingerprint of the value it gave. */
const SECRET_OUTPUTS = { ...COMPUTED_OUTPUTS, valueFrom: undefined, valueFingerprint: undefined };

/**
 * A secret's value is a Pulumi secret in state whether or not the caller wrapped it:
 * wrapped on the way in, and listed in `additionalSecretOutputs` on the way out.
 */
export function secretProps(args: object): Record<string, unknown> {
  const props: Record<string, unknown> = { ...SECRET_OUTPUTS, ...args };
  for (const key of ["value", "valueEncrypted"]) {
    if (props[key] !== undefined) props[key] = pulumi.secret(props[key] as pulumi.Input<string>);
  }
  return props;
}

/** A variable's value stays as the caller gave it: plain, or secret if passed as a Pulumi secret. */
export function variableProps(args: object): Record<string, unknown> {
  return { ...COMPUTED_OUTPUTS, ...args };
}

export function secretOptions(opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
  return {
    ...opts,
    // The fingerprint is not the value, but a guess at the value can be checked against it.
    additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "value", "valueEncrypted", "valueFingerprint"],
  };
}
