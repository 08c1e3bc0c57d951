import assert from "node:assert/strict";
import { provider as operations } from "./deployment";
import type { ResolvedInputs, ResolvedOutputs, ScopeKey } from "../../provider/types";

/*
 * The engine's order of calls, for suites that drive the provider's methods in-process:
 * check (which must pass) before create, check and diff before update.
 */

export async function checkedInputs(key: ScopeKey, news: Record<string, unknown>, olds: object = {}): Promise<ResolvedInputs> {
  const result = await operations.check(key, olds as never, news);
  assert.deepEqual(result.failures, []);
  return result.inputs as ResolvedInputs;
}

export async function createVia(key: ScopeKey, news: Record<string, unknown>): Promise<{ id: string; outs: ResolvedOutputs }> {
  const created = await operations.create(key, await checkedInputs(key, news));
  return { id: created.id, outs: created.outs! };
}

/** check, diff (which must see a change), update: the new outputs. */
export async function updateVia(key: ScopeKey, id: string, olds: ResolvedOutputs, news: Record<string, unknown>): Promise<ResolvedOutputs> {
  const inputs = await checkedInputs(key, news, olds);
  assert.equal((await operations.diff(key, id, olds, inputs)).changes, true, "diff should report a change");
  return (await operations.update(key, id, olds, inputs)).outs!;
}
