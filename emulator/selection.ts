// Visibility and repository selection of organization secrets/variables and of the user's
// Codespaces secrets: one implementation for both kinds of item.

import { ApiError, validationFailed } from "./api-error";
import type { ResolvedContainer } from "./containers";
import type { ItemRecord } from "./state";
import type { Visibility } from "./types";
import type { Repository, World } from "./world";

/** The repositories a container's selection may name: the organization's, or any the user can see. */
export function selectableRepository(world: World, container: ResolvedContainer, id: number): Repository | undefined {
  const repo = world.repositoryById(id);
  if (!repo) return undefined;
  if (container.scope.level === "org") return repo.owner === container.account ? repo : undefined;
  return repo;
}

/**
 * Normalises `selected_repository_ids` (integers, or digit strings where the schema allows them)
 * and checks every id names a selectable repository; 422 otherwise. Duplicates are dropped.
 */
export function normalizeRepositoryIds(world: World, container: ResolvedContainer, ids: readonly unknown[], resource: string): number[] {
  const out: number[] = [];
  for (const raw of ids) {
    const id = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw validationFailed(resource, "selected_repository_ids", `${JSON.stringify(raw)} is not a repository id`);
    }
    if (!selectableRepository(world, container, id)) {
      const where = container.scope.level === "org" ? ` in ${container.account?.login ?? "the organization"}` : "";
      throw validationFailed(resource, "selected_repository_ids", `Repository ${id} was not found${where}`, "not_found");
    }
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * Applies a write's visibility and selection to a record.
 * - organization scopes: `visibility` given → set; `selected` keeps the previous selection unless
 *   ids are given, other visibilities drop the selection (ids are then ignored: GitHub documents
 *   them as meaningful with `selected` only). No visibility (PATCH) → ids replace the selection
 *   only while the visibility is `selected`.
 * - user Codespaces: ids replace the selection; none keeps it (empty on create).
 */
export function applyVisibility(
  record: ItemRecord,
  container: ResolvedContainer,
  visibility: Visibility | undefined,
  ids: number[] | undefined,
): void {
  switch (container.scope.selection) {
    case "visibility": {
      const wasSelected = record.visibility === "selected";
      if (visibility !== undefined) record.visibility = visibility;
      if (record.visibility === "selected") {
        record.selectedRepositoryIds = ids ?? (wasSelected ? record.selectedRepositoryIds : undefined) ?? [];
      } else {
        delete record.selectedRepositoryIds;
      }
      return;
    }
    case "always":
      record.selectedRepositoryIds = ids ?? record.selectedRepositoryIds ?? [];
      return;
    case null:
      return;
  }
}

/** 409 unless the record's selection may be edited through the …/repositories endpoints. */
export function requireSelectable(record: ItemRecord, container: ResolvedContainer, kind: "secret" | "variable"): void {
  if (container.scope.selection === "visibility" && record.visibility !== "selected") {
    throw new ApiError(409, `The ${kind}'s visibility is ${record.visibility ?? "not set"}, not selected: its repository selection cannot be changed.`);
  }
}
