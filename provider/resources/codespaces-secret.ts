import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy, RepositoryReference, ValueSource, Visibility } from "../types";
import type { OrganizationArgs, OrganizationSelectionArgs, RepositoryArgs, SecretValueArgs } from "./common-args";
import { exposeAbsentOutputs, registration } from "./registration";

/** A repository's Codespaces secret: `repository` is set. */
export interface CodespacesRepositorySecretArgs extends RepositoryArgs, SecretValueArgs {
  secretName: pulumi.Input<string>;
}

/** An organization's Codespaces secret: neither `repository` nor `user`. */
export interface CodespacesOrganizationSecretArgs extends OrganizationArgs, OrganizationSelectionArgs, SecretValueArgs {
  secretName: pulumi.Input<string>;
  repository?: undefined;
  user?: false;
}

/** The authenticated user's own Codespaces secret: `user: true`. */
export interface CodespacesUserSecretArgs extends SecretValueArgs {
  user: true;
  secretName: pulumi.Input<string>;
  /** Repository names (`repo` for the user's own, or `owner/repo`) or ids whose codespaces get the secret. */
  selectedRepositories?: pulumi.Input<pulumi.Input<RepositoryReference>[]>;
}

export type CodespacesSecretArgs = CodespacesRepositorySecretArgs | CodespacesOrganizationSecretArgs | CodespacesUserSecretArgs;

/**
 * A Codespaces secret of a repository (`repository` set), of the authenticated user
 * (`user: true`), or of an organization (otherwise). Each has its own key pair.
 * https://docs.github.com/en/rest/codespaces
 */
export class CodespacesSecret extends pulumi.dynamic.Resource {
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

  constructor(name: string, args: CodespacesSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration("CodespacesSecret", name, args, opts));
    exposeAbsentOutputs(this, "secret");
  }
}
