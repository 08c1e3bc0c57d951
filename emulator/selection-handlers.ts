// HTTP handlers of {base}/{secrets|variables}/{name}/repositories[/{repository_id}]: one
// implementation for organization secrets (Actions, Dependabot, Codespaces), organization
// variables and the user's Codespaces secrets. Every successful change bumps updated_at.

import { notFound, validationFailed } from "./api-error";
import { requireContainer, type Handler, type HandlerContext, type HandlerResult } from "./handler-types";
import { canonicalName } from "./names";
import { paginate } from "./pagination";
import { repositoryJson } from "./representations";
import { normalizeRepositoryIds, requireSelectable, selectableRepository } from "./selection";
import type { ContainerState, ItemKind, ItemRecord } from "./state";
import type { Repository } from "./world";

interface Target {
  state: ContainerState;
  record: ItemRecord;
}

const singular = (kind: ItemKind): "secret" | "variable" => (kind === "secrets" ? "secret" : "variable");
const nameParam = (kind: ItemKind): string => (kind === "secrets" ? "secret_name" : "name");

function target(ctx: HandlerContext, kind: ItemKind): Target {
  const state = ctx.core.store.state(requireContainer(ctx));
  const record = state.items(kind).get(canonicalName(ctx.params[nameParam(kind)] ?? ""));
  if (!record) throw notFound();
  requireSelectable(record, state.container, singular(kind));
  return { state, record };
}

function repositoryIdParam(ctx: HandlerContext): number {
  const raw = ctx.params.repository_id ?? "";
  // A non-integer id does not match GitHub's route (integer path parameter): 404.
  if (!/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}

function touch(ctx: HandlerContext, record: ItemRecord): HandlerResult {
  ctx.core.staleReads.beforeWrite(record);
  record.updatedAt = ctx.core.clock.stamp();
  return { status: 204 };
}

export function listSelected(kind: ItemKind): Handler {
  return (ctx): HandlerResult => {
    const { record } = target(ctx, kind);
    const repos = (record.selectedRepositoryIds ?? [])
      .map((id) => ctx.core.world.repositoryById(id))
      .filter((r): r is Repository => r !== undefined);
    const paged = ctx.core.validator.operation(ctx.routeKey)?.parameters.some((p) => p.name === "per_page");
    const page = paged
      ? paginate(repos, ctx.query, ctx.core.validator.pageLimits(ctx.routeKey), ctx.core.origin, ctx.rawPath)
      : { items: repos, link: undefined };
    return {
      status: 200,
      body: { total_count: repos.length, repositories: page.items.map((r) => repositoryJson(ctx.core.origin, r)) },
      headers: page.link ? { link: page.link } : {},
    };
  };
}

export function setSelected(kind: ItemKind): Handler {
  return (ctx) => {
    const { state, record } = target(ctx, kind);
    const body = ctx.body as { selected_repository_ids: unknown[] };
    const resource = kind === "secrets" ? "Secret" : "ActionsVariable";
    record.selectedRepositoryIds = normalizeRepositoryIds(ctx.core.world, state.container, body.selected_repository_ids, resource);
    return touch(ctx, record);
  };
}

export function addSelected(kind: ItemKind): Handler {
  return (ctx) => {
    const { state, record } = target(ctx, kind);
    const id = repositoryIdParam(ctx);
    if (!selectableRepository(ctx.core.world, state.container, id)) {
      throw validationFailed(kind === "secrets" ? "Secret" : "ActionsVariable", "repository_id", `Repository ${id} was not found`, "not_found");
    }
    const ids = record.selectedRepositoryIds ?? [];
    if (!ids.includes(id)) ids.push(id);
    record.selectedRepositoryIds = ids;
    return touch(ctx, record);
  };
}

export function removeSelected(kind: ItemKind): Handler {
  return (ctx) => {
    const { record } = target(ctx, kind);
    const id = repositoryIdParam(ctx);
    record.selectedRepositoryIds = (record.selectedRepositoryIds ?? []).filter((x) => x !== id);
    return touch(ctx, record);
  };
}
