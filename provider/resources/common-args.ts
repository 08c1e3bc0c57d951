import type * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy, RepositoryReference, Visibility } from "../types";

/** What refresh does about a change made outside Pulumi; every secret and variable has it. */
export interface DriftArgs {
  /**
   * `"overwrite"` (default): refresh records the change and the next `up` writes the
   * configured value again. `"ignore"`: the change is accepted; only a change of the
   * configured value is written. `"fail"`: refresh fails, naming the item and the change.
   */
  onDrift?: pulumi.Input<DriftPolicy>;
}

/**
 * Where the provider reads a secret's value, in its own process, so the value is never an
 * input or output of Pulumi (not even encrypted). Relative paths and the environment are the
 * program's: see the README, "Values that never enter the state".
 */
export type ValueSourceArgs =
  /** An environment variable of the `pulumi` command. */
  | { env: pulumi.Input<string> }
  /** A file's exact contents; a relative path starts at the program's directory. */
  | { file: pulumi.Input<string> }
  /**
   * A program and its arguments, run without a shell, stdin closed; its stdout without one
   * trailing newline is the value. Stopped after `timeoutSeconds` (default 30). It gets the
   * environment without the GitHub and Pulumi credentials (GITHUB_TOKEN, GH_TOKEN,
   * GITHUB_APP_*, PULUMI_CONFIG_PASSPHRASE…) unless named in `passEnvironment`.
   */
  | { command: pulumi.Input<pulumi.Input<string>[]>; timeoutSeconds?: pulumi.Input<number>; passEnvironment?: pulumi.Input<pulumi.Input<string>[]> };

/** A secret's value: plaintext sealed by the provider, a value sealed elsewhere, or read from a source. Exactly one. */
export interface SecretValueArgs extends DriftArgs {
  /** The plaintext, at most 48 KB. Always stored as a Pulumi secret. */
  value?: pulumi.Input<string>;
  /** A value sealed elsewhere with GitHub's public key: base64 of a libsodium sealed box. */
  valueEncrypted?: pulumi.Input<string>;
  /** The id of the public key `valueEncrypted` was sealed with. */
  keyId?: pulumi.Input<string>;
  /** Read the value at preview and deploy time instead; the state keeps only a salted fingerprint. */
  valueFrom?: pulumi.Input<ValueSourceArgs>;
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
