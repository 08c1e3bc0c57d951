import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy, ValueSource } from "../types";
import type { RepositoryArgs, SecretValueArgs } from "./common-args";
import { exposeAbsentOutputs, registration } from "./registration";

export interface EnvironmentSecretArgs extends RepositoryArgs, SecretValueArgs {
  /** The deployment environment's name, as shown on GitHub (`/`, spaces and any letters allowed). */
  environment: pulumi.Input<string>;
  secretName: pulumi.Input<string>;
}

/**
 * A GitHub Actions secret of one deployment environment.
 * https://docs.github.com/en/rest/actions/secrets#create-or-update-an-environment-secret
 */
export class EnvironmentSecret extends pulumi.dynamic.Resource {
  declare readonly owner: pulumi.Output<string>;
  declare readonly repository: pulumi.Output<string>;
  declare readonly environment: pulumi.Output<string>;
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

  constructor(name: string, args: EnvironmentSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration("EnvironmentSecret", name, args, opts));
    exposeAbsentOutputs(this, "secret");
  }
}
