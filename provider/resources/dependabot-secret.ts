import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy, RepositoryReference, ValueSource, Visibility } from "../types";
import { providerFor } from "./provider-objects";
import type { OrganizationArgs, OrganizationSelectionArgs, RepositoryArgs, SecretValueArgs } from "./common-args";
import { exposeAbsentOutputs, MODULE, OPTIONAL_SECRET_OUTPUTS, secretOptions, secretProps } from "./resource-options";

/** A repository's Dependabot secret: `repository` is set. */
export interface DependabotRepositorySecretArgs extends RepositoryArgs, SecretValueArgs {
  secretName: pulumi.Input<string>;
}

/** An organization's Dependabot secret: no `repository`. */
export interface DependabotOrganizationSecretArgs extends OrganizationArgs, OrganizationSelectionArgs, SecretValueArgs {
  secretName: pulumi.Input<string>;
  repository?: undefined;
}

export type DependabotSecretArgs = DependabotRepositorySecretArgs | DependabotOrganizationSecretArgs;

/**
 * A Dependabot secret of a repository (when `repository` is set) or of an organization.
 * Dependabot has its own key pair per repository and organization, apart from Actions'.
 * https://docs.github.com/en/rest/dependabot/secrets
 */
export class DependabotSecret extends pulumi.dynamic.Resource {
  declare readonly owner: pulumi.Output<string | undefined>;
  declare readonly repository: pulumi.Output<string | undefined>;
  declare readonly org: pulumi.Output<string | undefined>;
  declare readonly secretName: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string | undefined>;
  declare readonly valueEncrypted: pulumi.Output<string | undefined>;
  declare readonly keyId: pulumi.Output<string | undefined>;
  declare readonly valueFrom: pulumi.Output<ValueSource | undefined>;
  /** With `valueFrom`: a salted scrypt hash of the value written last (a Pulumi secret). */
  declare readonly valueFingerprint: pulumi.Output<string | undefined>;
  declare readonly onDrift: pulumi.Output<DriftPolicy | undefined>;
  declare readonly visibility: pulumi.Output<Visibility | undefined>;
  declare readonly selectedRepositories: pulumi.Output<RepositoryReference[] | undefined>;
  declare readonly selectedRepositoryIds: pulumi.Output<number[] | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: DependabotSecretArgs, opts?: pulumi.CustomResourceOptions) {
    const repositoryScope = args.repository !== undefined;
    super(
      providerFor(repositoryScope ? "dependabot-repository-secret" : "dependabot-organization-secret"),
      name,
      repositoryScope ? secretProps(args) : secretProps({ visibility: undefined, selectedRepositories: undefined, ...args }, true),
      secretOptions(opts),
      MODULE,
      "DependabotSecret",
    );
    exposeAbsentOutputs(this, OPTIONAL_SECRET_OUTPUTS);
  }
}
