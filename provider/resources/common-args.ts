import type * as pulumi from "@pulumi/pulumi";
import type { RepositoryReference, Visibility } from "../types";

/** A secret's value: plaintext sealed by the provider, or a value sealed elsewhere. Exactly one. */
export interface SecretValueArgs {
  /** The plaintext, at most 48 KB. Always stored as a Pulumi secret. */
  value?: pulumi.Input<string>;
  /** A value sealed elsewhere with GitHub's public key: base64 of a libsodium sealed box. */
  valueEncrypted?: pulumi.Input<string>;
  /** The id of the public key `valueEncrypted` was sealed with. */
  keyId?: pulumi.Input<string>;
}

/** Which repositories of an organization may use an item. */
export interface OrganizationSelectionArgs {
  /** `all`, `private` (private and internal repositories) or `selected`. Default: `selected` when `selectedRepositories` is set, else `private`. */
  visibility?: pulumi.Input<Visibility>;
  /** With `visibility: "selected"`: repository names (`repo`, `owner/repo`) or numeric ids. */
  selectedRepositories?: pulumi.Input<pulumi.Input<RepositoryReference>[]>;
}

/** The repository an item belongs to. */
export interface RepositoryArgs {
  /** The account that owns the repository. Default: `github:owner` or GITHUB_OWNER. */
  owner?: pulumi.Input<string>;
  /** The repository's name, without the owner. */
  repository: pulumi.Input<string>;
}

/** The organization an item belongs to. */
export interface OrganizationArgs {
  /** The organization. Default: `github:owner` or GITHUB_OWNER. */
  org?: pulumi.Input<string>;
}
