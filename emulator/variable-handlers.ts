// HTTP handlers of {base}/variables… (Actions: repository, environment, organization).

import { notFound } from "./api-error";
import { requireContainer, type HandlerContext, type HandlerResult } from "./handler-types";
import { createVariable, updateVariable } from "./items";
import { canonicalName, requireValidName } from "./names";
import { pagedList } from "./pagination";
import { variableJson } from "./representations";
import { normalizeRepositoryIds } from "./selection";
import { sortedByName, type ContainerState } from "./state";
import type { Visibility } from "./types";

interface VariableBody {
  name?: string;
  value?: string;
  visibility?: Visibility;
  selected_repository_ids?: unknown[];
}

function stateOf(ctx: HandlerContext): ContainerState {
  return ctx.core.store.state(requireContainer(ctx));
}

/** Visibility and checked selection from a POST/PATCH body (organization scope only). */
function selectionFrom(ctx: HandlerContext, state: ContainerState, body: VariableBody, current?: Visibility) {
  if (state.container.scope.selection !== "visibility") return { visibility: undefined, selectedRepositoryIds: undefined };
  const effective = body.visibility ?? current;
  const ids =
    effective === "selected" && body.selected_repository_ids !== undefined
      ? normalizeRepositoryIds(ctx.core.world, state.container, body.selected_repository_ids, "ActionsVariable")
      : undefined;
  return { visibility: body.visibility, selectedRepositoryIds: ids };
}

export function listVariables(ctx: HandlerContext): HandlerResult {
  const state = stateOf(ctx);
  return pagedList(ctx, "variables", sortedByName(state.variables.values()), (r) => variableJson(ctx.core.origin, state.container, ctx.core.staleReads.view(r)));
}

export function getVariable(ctx: HandlerContext): HandlerResult {
  const state = stateOf(ctx);
  const record = state.variables.get(canonicalName(ctx.params.name ?? ""));
  if (!record || ctx.core.readAfterWrite.hides(record)) throw notFound();
  return { status: 200, body: variableJson(ctx.core.origin, state.container, ctx.core.staleReads.view(record)) };
}

export function postVariable(ctx: HandlerContext): HandlerResult {
  const state = stateOf(ctx);
  const body = ctx.body as VariableBody;
  const name = requireValidName("variable", body.name ?? "");
  const record = createVariable(ctx.core, state, name, body.value ?? "", selectionFrom(ctx, state, body));
  ctx.core.readAfterWrite.markCreated(record);
  return { status: 201, body: {} };
}

export function patchVariable(ctx: HandlerContext): HandlerResult {
  const state = stateOf(ctx);
  const current = canonicalName(ctx.params.name ?? "");
  const record = state.variables.get(current);
  if (!record) throw notFound();
  const body = (ctx.body ?? {}) as VariableBody;
  const newName = body.name !== undefined ? requireValidName("variable", body.name) : undefined;
  updateVariable(ctx.core, state, current, {
    name: newName,
    value: body.value,
    ...selectionFrom(ctx, state, body, record.visibility),
  });
  return { status: 204 };
}

export function deleteVariable(ctx: HandlerContext): HandlerResult {
  const state = stateOf(ctx);
  if (!state.variables.delete(canonicalName(ctx.params.name ?? ""))) throw notFound();
  return { status: 204 };
}
