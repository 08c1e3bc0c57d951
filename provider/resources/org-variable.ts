import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy, RepositoryReference, Visibility } from "../types";
import type { DriftArgs, OrganizationArgs, OrganizationSelectionArgs } from "./common-args";
import { exposeAbsentOutputs, registration } from "./registration";

export interface OrgVariableArgs extends OrganizationArgs, OrganizationSelectionArgs, DriftArgs {
  variableName: pulumi.Input<string>;
  /** At most 48 KB. Plain in state unless passed as a Pulumi secret. */
  value: pulumi.Input<string>;
}

/**
 * An organization's GitHub Actions configuration variable.
 * https://docs.github.com/en/rest/actions/variables#create-an-organization-variable
 */
export class OrgVariable extends pulumi.dynamic.Resource {
  declare readonly org: pulumi.Output<string>;
  declare readonly variableName: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string>;
  declare readonly visibility: pulumi.Output<Visibility>;
  declare readonly selectedRepositories: pulumi.Output<RepositoryReference[] | undefined>;
  declare readonly selectedRepositoryIds: pulumi.Output<number[] | undefined>;
  declare readonly onDrift: pulumi.Output<DriftPolicy | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: OrgVariableArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration("OrgVariable", name, args, opts));
    exposeAbsentOutputs(this, "variable");
  }
}
