import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy, ValueSource } from "../types";
import type { RepositoryArgs, SecretValueArgs } from "./common-args";
import { exposeAbsentOutputs, registration } from "./registration";

export interface RepoSecretArgs extends RepositoryArgs, SecretValueArgs {
  /** `[A-Za-z0-9_]`, not starting with a digit or `GITHUB_`; stored upper-case. */
  secretName: pulumi.Input<string>;
}

/**
 * A repository's GitHub Actions secret.
 * https://docs.github.com/en/rest/actions/secrets#create-or-update-a-repository-secret
 */
export class RepoSecret extends pulumi.dynamic.Resource {
  declare readonly owner: pulumi.Output<string>;
  declare readonly repository: pulumi.Output<string>;
  declare readonly secretName: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string | undefined>;
  declare readonly valueEncrypted: pulumi.Output<string | undefined>;
  declare readonly keyId: pulumi.Output<string | undefined>;
  declare readonly valueFrom: pulumi.Output<ValueSource | undefined>;
  /** With `valueFrom`: a salted scrypt hash of the value written last (a Pulumi secret). */
  declare readonly valueFingerprint: pulumi.Output<string | undefined>;
  declare readonly onDrift: pulumi.Output<DriftPolicy | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: RepoSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration("RepoSecret", name, args, opts));
    exposeAbsentOutputs(this, "secret");
  }
}
