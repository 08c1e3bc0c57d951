import type { Deployment } from "../deployment/deployment";
import { GitHubSecretsError } from "../errors";
import { collection, scopes, type Scope } from "../scopes";
import type { IdentityProperty, ResolvedInputs, ResolvedOutputs, ResourceClassName } from "../types";
import { startOperation } from "./item-operation";
import { listSelection, remoteItem } from "./read";

/*
 * `pulumi import`: an existing item adopted by its id, which is the item's API path, as every
 * resource's id is (`/repos/acme/app/actions/secrets/TOKEN`). The path says the scope, so a class
 * serving several scopes needs no more. A variable comes with its value; a secret's value can
 * never be read, so the state holds none and the next `up` writes the program's value once.
 */

export interface ImportedItem {
  id: string;
  props: ResolvedOutputs;
  inputs: ResolvedInputs & { user?: true };
}

interface ItemAddress {
  scope: Scope;
  inputs: ResolvedInputs & { user?: true };
}

/** Stands in for each identity part and for the name while the scope table builds a path: no path segment holds it. */
const PART = "__PART__";

/** What an id of `scope` looks like, from the scope table's own paths: "…" for each identity part, in order, and for the name. */
function idShape(scope: Scope): string {
  const identity = Object.fromEntries(scope.identity.map((p) => [p, PART])) as Record<IdentityProperty, string>;
  return `${scope.basePath(identity)}/${collection(scope)}/${PART}`.replaceAll(PART, "…");
}

/** The segments of `id` where `shape` has "…", decoded; undefined for an id of another shape. */
function partsOf(id: string, shape: string): string[] | undefined {
  const given = id.split("/");
  const expected = shape.split("/");
  const fits = given.length === expected.length && expected.every((part, i) => (part === "…" ? given[i] !== "" : part === given[i]));
  return fits ? given.filter((_, i) => expected[i] === "…").map((part) => decodeURIComponent(part)) : undefined;
}

/** What an id names, for a resource of `resourceClass`; a clear error for an id of another shape. */
export function addressOf(resourceClass: ResourceClassName, id: string): ItemAddress {
  const rows = Object.values(scopes).filter((scope) => scope.resourceClass === resourceClass);
  for (const scope of rows) {
    const parts = partsOf(id, idShape(scope));
    if (!parts) continue;
    const inputs: ItemAddress["inputs"] = Object.fromEntries(scope.identity.map((property, i) => [property, parts[i]]));
    inputs[scope.nameProperty] = parts.at(-1)!.toUpperCase();
    if (scope.target === "user") inputs.user = true;
    return { scope, inputs };
  }
  const shapes = rows.map((scope) => `"${idShape(scope)}"`);
  throw new GitHubSecretsError(`"${id}" is no ${resourceClass} id: an id is the item's API path, ${shapes.join(" or ")}`);
}

/** The item as GitHub has it, or undefined when GitHub has none: the engine then reports that nothing was found. */
export async function importItem(deployment: Deployment, resourceClass: ResourceClassName, id: string): Promise<ImportedItem | undefined> {
  const { scope, inputs } = addressOf(resourceClass, id);
  const operation = startOperation(deployment, scope.key, inputs, "importing");
  try {
    const remote = await remoteItem(operation);
    if (!remote) return undefined;
    const imported: ImportedItem["inputs"] = { ...inputs };
    if (scope.kind === "variable") imported.value = remote.value;
    if (scope.selection === "organization" && remote.visibility) imported.visibility = remote.visibility;
    let selectedRepositoryIds: number[] | undefined;
    if (scope.selection === "user" || (scope.selection === "organization" && remote.visibility === "selected")) {
      selectedRepositoryIds = await listSelection(operation);
      imported.selectedRepositories = selectedRepositoryIds;
    }
    const props: ResolvedOutputs = {
      ...imported,
      ...(selectedRepositoryIds !== undefined ? { selectedRepositoryIds } : {}),
      createdAt: remote.created_at,
      updatedAt: remote.updated_at,
    };
    return { id: operation.target.itemPath, props, inputs: imported };
  } catch (error) {
    throw operation.fail(error);
  }
}
