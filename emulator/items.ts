// Writes of secrets and variables, shared by the HTTP handlers and the behind-the-back API.
// Every write stamps updated_at (created_at too when it creates). Errors are GitHub-style ApiErrors.

import { ApiError, invalidRequest } from "./api-error";
import type { EmulatorCore } from "./core";
import { applyVisibility } from "./selection";
import { VALUE_LIMIT_BYTES } from "./scopes";
import type { ContainerState, SecretRecord, VariableRecord } from "./state";
import type { Visibility } from "./types";

export interface ItemWrite {
  visibility?: Visibility;
  /** Already normalised and checked. */
  selectedRepositoryIds?: number[];
}

function defaultVisibility(state: ContainerState, w: ItemWrite): Visibility | undefined {
  return w.visibility ?? (state.container.scope.selection === "visibility" ? "private" : undefined);
}

function checkSize(bytes: number, what: string): void {
  if (bytes > VALUE_LIMIT_BYTES) {
    throw new ApiError(422, `${what} is too large: ${bytes} bytes, the limit is 48 KB (${VALUE_LIMIT_BYTES} bytes).`);
  }
}

function checkCount(size: number, limit: number, what: string, where: string): void {
  if (size >= limit) throw new ApiError(422, `Too many ${what}: a ${where} can have at most ${limit}.`);
}

function levelName(state: ContainerState): string {
  const level = state.container.scope.level;
  return level === "repo" ? "repository" : level === "org" ? "organization" : level;
}

/** Creates or updates a secret. `bytes` undefined updates only visibility/selection (an existing secret). */
export function upsertSecret(
  core: EmulatorCore,
  state: ContainerState,
  name: string,
  bytes: Uint8Array | undefined,
  w: ItemWrite,
): { created: boolean; record: SecretRecord } {
  if (bytes !== undefined) checkSize(bytes.length, "The secret value");
  const existing = state.secrets.get(name);
  if (!existing) {
    if (bytes === undefined) throw invalidRequest(`"encrypted_value" wasn't supplied.`);
    checkCount(state.secrets.size, state.container.scope.secretLimit, "secrets", levelName(state));
    const t = core.clock.stamp();
    const record: SecretRecord = { name, bytes, createdAt: t, updatedAt: t };
    applyVisibility(record, state.container, defaultVisibility(state, w), w.selectedRepositoryIds);
    state.secrets.set(name, record);
    return { created: true, record };
  }
  core.staleReads.beforeWrite(existing);
  if (bytes !== undefined) existing.bytes = bytes;
  applyVisibility(existing, state.container, w.visibility, w.selectedRepositoryIds);
  existing.updatedAt = core.clock.stamp();
  return { created: false, record: existing };
}

export function createVariable(core: EmulatorCore, state: ContainerState, name: string, value: string, w: ItemWrite): VariableRecord {
  if (state.variables.has(name)) throw new ApiError(409, "Already exists - Variable already exists");
  checkSize(Buffer.byteLength(value, "utf8"), "The variable value");
  checkCount(state.variables.size, state.container.scope.variableLimit, "variables", levelName(state));
  const t = core.clock.stamp();
  const record: VariableRecord = { name, value, createdAt: t, updatedAt: t };
  applyVisibility(record, state.container, defaultVisibility(state, w), w.selectedRepositoryIds);
  state.variables.set(name, record);
  return record;
}

export interface VariableUpdate extends ItemWrite {
  /** Canonical new name (rename). */
  name?: string;
  value?: string;
}

export function updateVariable(core: EmulatorCore, state: ContainerState, name: string, u: VariableUpdate): VariableRecord {
  const record = state.variables.get(name);
  if (!record) throw new ApiError(404, "Not Found");
  if (u.value !== undefined) checkSize(Buffer.byteLength(u.value, "utf8"), "The variable value");
  if (u.name !== undefined && u.name !== name && state.variables.has(u.name)) {
    throw new ApiError(409, "Already exists - Variable already exists");
  }
  core.staleReads.beforeWrite(record);
  if (u.value !== undefined) record.value = u.value;
  applyVisibility(record, state.container, u.visibility, u.selectedRepositoryIds);
  if (u.name !== undefined && u.name !== name) {
    state.variables.delete(name);
    record.name = u.name;
    state.variables.set(u.name, record);
  }
  record.updatedAt = core.clock.stamp();
  return record;
}
