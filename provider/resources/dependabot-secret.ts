import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy, RepositoryReference, ValueSource, Visibility } from "../types";
import type { OrganizationArgs, OrganizationSelectionArgs, RepositoryArgs, SecretValueArgs } from "./common-args";
import { exposeAbsentOutputs, registration } from "./registration";

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
    super(...registration("DependabotSecret", name, args, opts));
    exposeAbsentOutputs(this, "secret");
  }
}
