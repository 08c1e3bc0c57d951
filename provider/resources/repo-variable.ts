import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy } from "../types";
import type { DriftArgs, RepositoryArgs } from "./common-args";
import { exposeAbsentOutputs, registration } from "./registration";

export interface RepoVariableArgs extends RepositoryArgs, DriftArgs {
  /** `[A-Za-z0-9_]`, not starting with a digit or `GITHUB_`; stored upper-case. */
  variableName: pulumi.Input<string>;
  /** At most 48 KB. Plain in state unless passed as a Pulumi secret. */
  value: pulumi.Input<string>;
}

/**
 * A repository's GitHub Actions configuration variable.
 * https://docs.github.com/en/rest/actions/variables#create-a-repository-variable
 */
export class RepoVariable extends pulumi.dynamic.Resource {
  declare readonly owner: pulumi.Output<string>;
  declare readonly repository: pulumi.Output<string>;
  declare readonly variableName: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string>;
  declare readonly onDrift: pulumi.Output<DriftPolicy | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: RepoVariableArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration("RepoVariable", name, args, opts));
    exposeAbsentOutputs(this, "variable");
  }
}
