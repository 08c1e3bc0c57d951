import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy, RepositoryReference, ValueSource, Visibility } from "../types";
import type { OrganizationArgs, OrganizationSelectionArgs, SecretValueArgs } from "./common-args";
import { exposeAbsentOutputs, registration } from "./registration";

export interface OrgSecretArgs extends OrganizationArgs, OrganizationSelectionArgs, SecretValueArgs {
  secretName: pulumi.Input<string>;
}

/**
 * An organization's GitHub Actions secret, with the repositories that may use it.
 * https://docs.github.com/en/rest/actions/secrets#create-or-update-an-organization-secret
 */
export class OrgSecret extends pulumi.dynamic.Resource {
  declare readonly org: pulumi.Output<string>;
  declare readonly secretName: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string | undefined>;
  declare readonly valueEncrypted: pulumi.Output<string | undefined>;
  declare readonly keyId: pulumi.Output<string | undefined>;
  declare readonly valueFrom: pulumi.Output<ValueSource | undefined>;
  /** With `valueFrom`: a salted scrypt hash of the value written last (a Pulumi secret). */
  declare readonly valueFingerprint: pulumi.Output<string | undefined>;
  declare readonly onDrift: pulumi.Output<DriftPolicy | undefined>;
  declare readonly visibility: pulumi.Output<Visibility>;
  declare readonly selectedRepositories: pulumi.Output<RepositoryReference[] | undefined>;
  declare readonly selectedRepositoryIds: pulumi.Output<number[] | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: OrgSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration("OrgSecret", name, args, opts));
    exposeAbsentOutputs(this, "secret");
  }
}
