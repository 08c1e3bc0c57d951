import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy } from "../types";
import type { DriftArgs, RepositoryArgs } from "./common-args";
import { exposeAbsentOutputs, registration } from "./registration";

export interface EnvironmentVariableArgs extends RepositoryArgs, DriftArgs {
  /** The deployment environment's name, as shown on GitHub. */
  environment: pulumi.Input<string>;
  variableName: pulumi.Input<string>;
  /** At most 48 KB. Plain in state unless passed as a Pulumi secret. */
  value: pulumi.Input<string>;
}

/**
 * A GitHub Actions configuration variable of one deployment environment.
 * https://docs.github.com/en/rest/actions/variables#create-an-environment-variable
 */
export class EnvironmentVariable extends pulumi.dynamic.Resource {
  declare readonly owner: pulumi.Output<string>;
  declare readonly repository: pulumi.Output<string>;
  declare readonly environment: pulumi.Output<string>;
  declare readonly variableName: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string>;
  declare readonly onDrift: pulumi.Output<DriftPolicy | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: EnvironmentVariableArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration("EnvironmentVariable", name, args, opts));
    exposeAbsentOutputs(this, "variable");
  }
}
