import type * as pulumi from "@pulumi/pulumi";
import type { Deployment } from "../deployment/deployment";
import { compareValue, sameSelection } from "./diff";
import { isPresent } from "./engine-values";
import { statusOf } from "../errors";
import { fingerprint } from "../values/fingerprint";
import { forgetListing } from "../github/item-listings";
import { startOperation, withoutProvider, type Operation, type RemoteItem } from "./item-operation";
import { forgetPublicKey, publicKeyFor } from "../github/public-keys";
import { resolveRepositoryIds } from "../github/repository-ids";
import { sealForGitHub } from "../values/sealing";
import type { ResolvedInputs, ResolvedOutputs, ScopeKey } from "../types";
import { writtenAt } from "./write-stamp";

export async function create(deployment: Deployment, key: ScopeKey, inputs: ResolvedInputs): Promise<pulumi.dynamic.CreateResult<ResolvedOutputs>> {
  const operation = startOperation(deployment, key, inputs, "creating");
  const outs = await write(operation, inputs, undefined);
  return { id: operation.target.itemPath, outs } satisfies pulumi.dynamic.CreateResult<ResolvedOutputs>;
}

export async function update(
  deployment: Deployment,
  key: ScopeKey,
  _id: string,
  olds: ResolvedOutputs,
  news: ResolvedInputs,
): Promise<pulumi.dynamic.UpdateResult<ResolvedOutputs>> {
  const operation = startOperation(deployment, key, news, "updating");
  const outs = await write(operation, news, olds);
  return { outs } satisfies pulumi.dynamic.UpdateResult<ResolvedOutputs>;
}

/** Deletes the item; one that is already gone counts as deleted. */
async function remove(deployment: Deployment, key: ScopeKey, _id: string, props: ResolvedOutputs): Promise<void> {
  const operation = startOperation(deployment, key, props, "deleting");
  const { target } = operation;
  const { journal, clients } = deployment;
  if (journal.writtenByAnotherResource(target.itemPath, props.updatedAt)) {
    // Another resource of this deployment now holds this item (a replacement or a rename
    // onto the same name); deleting would take it away from that resource.
    return;
  }
  try {
    await clients.api.request({ method: "DELETE", url: target.itemPath });
  } catch (error) {
    if (statusOf(error) !== 404) throw operation.fail(error);
  }
  forgetListing(deployment, operation.scope, target);
}

/**
 * Writes the item with exactly one write request (two when a rotated key or an item deleted
 * behind our back needs another try), and records when: the write response's `Date` (see
 * `write-stamp.ts`), which refresh later compares with `updated_at` to notice changes made
 * elsewhere. Only when that header is missing, or the item existed before this resource (its
 * `created_at` is not ours to know), is the item read back. A `valueFrom` value is read here,
 * sealed and sent; only its fingerprint is kept.
 */
async function write(operation: Operation, inputs: ResolvedInputs, olds: ResolvedOutputs | undefined): Promise<ResolvedOutputs> {
  const { deployment, scope, target } = operation;
  const { journal, clients } = deployment;
  try {
    const value = await compareValue(deployment, olds, inputs);
    if (value.plaintext !== undefined) operation.conceal(value.plaintext);
    const sourced = inputs.valueFrom !== undefined && inputs.valueFrom !== null;
    if (olds !== undefined && !value.changed && olds.visibility === inputs.visibility && sameSelection(olds.selectedRepositories, inputs.selectedRepositories)) {
      // Nothing GitHub holds changes (only `onDrift`, say): record the inputs, send nothing.
      return {
        ...withoutProvider(inputs),
        ...(olds.selectedRepositoryIds !== undefined ? { selectedRepositoryIds: olds.selectedRepositoryIds } : {}),
        ...(sourced ? { valueFingerprint: olds.valueFingerprint } : {}),
        createdAt: olds.createdAt,
        updatedAt: olds.updatedAt,
      } satisfies ResolvedOutputs;
    }
    // Hashed while the request is under way: a fresh salt for every value written.
    // Stryker disable next-line OptionalChaining: compareValue reports a change whenever olds is undefined (a create), so the unchanged branch always has olds
    const valueFingerprint = sourced ? (value.changed ? fingerprint(value.plaintext!) : Promise.resolve(olds?.valueFingerprint)) : undefined;
    const selectedRepositoryIds = await selectionIds(operation, inputs);
    // Ids exist only where a selection applies (the user's scope, or visibility "selected").
    const selectionOnly = olds !== undefined && !value.changed && olds.visibility === inputs.visibility && selectedRepositoryIds !== undefined;
    let written: Written;
    if (selectionOnly) {
      // The value stays as it is on GitHub: only the list of repositories is replaced.
      const response = await clients.api.request({
        method: "PUT",
        url: `${target.itemPath}/repositories`,
        selected_repository_ids: selectedRepositoryIds,
      });
      written = { response, created: false };
    } else {
      // Sent with every full write, so a value change keeps visibility and selection.
      const selection = {
        ...(scope.selection === "organization" ? { visibility: inputs.visibility } : {}),
        ...(selectedRepositoryIds !== undefined ? { selected_repository_ids: selectedRepositoryIds } : {}),
      };
      written =
        scope.kind === "secret"
          ? await putSecret(operation, { ...inputs, value: value.plaintext }, selection)
          : await writeVariable(operation, inputs, olds, selection);
    }
    // Known written before its time is known: a replaced resource's delete must spare it.
    journal.record(target.itemPath);
    forgetListing(deployment, scope, target);
    const stamps = await stampsOf(operation, written, olds);
    journal.record(target.itemPath, stamps.updatedAt);
    return {
      ...withoutProvider(inputs),
      ...(selectedRepositoryIds !== undefined ? { selectedRepositoryIds } : {}),
      ...(valueFingerprint !== undefined ? { valueFingerprint: await valueFingerprint } : {}),
      ...stamps,
    } satisfies ResolvedOutputs;
  } catch (error) {
    throw operation.fail(error);
  }
}

/** The response of the write that landed, and whether it created the item. */
interface Written {
  response: { status: number; headers: Record<string, unknown> };
  created: boolean;
}

/** `createdAt` and `updatedAt` of our write, from its response when it tells them. */
async function stampsOf(operation: Operation, written: Written, olds: ResolvedOutputs | undefined): Promise<Pick<ResolvedOutputs, "createdAt" | "updatedAt">> {
  const updatedAt = writtenAt(written.response);
  const createdAt = written.created ? updatedAt : olds?.createdAt;
  if (updatedAt !== undefined && createdAt !== undefined) return { createdAt, updatedAt };
  // A GET right after a write may answer 404 for a moment: this client retries 404.
  const { target, deployment } = operation;
  const remote = (await deployment.clients.afterWrite.request({ method: "GET", url: target.itemPath })).data as RemoteItem;
  // A stale replica may answer with the previous version: the Date, when there is one, wins.
  return { createdAt: createdAt ?? remote.created_at, updatedAt: updatedAt ?? remote.updated_at };
}

/** Visibility and repository ids, as GitHub's write bodies name them. */
type SelectionBody = { visibility?: ResolvedInputs["visibility"]; selected_repository_ids?: number[] };

async function putSecret(operation: Operation, inputs: ResolvedInputs, selection: SelectionBody): Promise<Written> {
  const { target, deployment } = operation;
  const { clients } = deployment;
  const put = async (sealed: { encrypted_value: string; key_id: string }): Promise<Written> => {
    const response = await clients.api.request({ method: "PUT", url: target.itemPath, ...sealed, ...selection });
    // 201 when GitHub created the secret, 204 when it replaced one.
    return { response, created: response.status === 201 };
  };

  // Present, not merely defined: the engine may pass an input set to null, which check lets through as absent.
  if (isPresent(inputs.valueEncrypted)) return put({ encrypted_value: inputs.valueEncrypted, key_id: inputs.keyId! });
  const seal = async () => {
    const key = await publicKeyFor(deployment, target.basePath, `${operation.scope.title}s in ${target.where}`);
    // Stryker disable next-line StringLiteral: the value sealed is always a string here (check requires `value` or `valueFrom` when there is no `valueEncrypted`, and an unknown source never reaches a write), so the fallback is never used
    const sealed = sealForGitHub(inputs.value ?? "", key.key);
    operation.conceal(sealed);
    return { encrypted_value: sealed, key_id: key.key_id };
  };
  try {
    return await put(await seal());
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    // The cached key may have been rotated since this deployment fetched it: seal once more
    // with the current key before reporting the rejection.
    forgetPublicKey(deployment, target.basePath);
    return put(await seal());
  }
}

async function writeVariable(
  operation: Operation,
  inputs: ResolvedInputs,
  olds: ResolvedOutputs | undefined,
  selection: SelectionBody,
): Promise<Written> {
  const { target } = operation;
  const { clients } = operation.deployment;
  // Stryker disable next-line StringLiteral: check requires a variable's `value` (neither undefined nor null), so the fallback is never used
  const body = { name: target.name, value: inputs.value ?? "", ...selection };
  const post = async (): Promise<Written> => ({
    response: await clients.api.request({ method: "POST", url: `${target.basePath}/variables`, ...body }),
    created: true,
  });
  const patch = async (): Promise<Written> => ({
    response: await clients.api.request({ method: "PATCH", url: target.itemPath, ...body }),
    created: false,
  });
  if (olds === undefined) {
    try {
      return await post();
    } catch (error) {
      // Already there (made by hand, or by a resource this one replaces): adopt it.
      if (statusOf(error) !== 409) throw error;
      return patch();
    }
  }
  try {
    return await patch();
  } catch (error) {
    // Deleted behind our back since the last refresh: create it again.
    if (statusOf(error) !== 404) throw error;
    return post();
  }
}

async function selectionIds(operation: Operation, inputs: ResolvedInputs): Promise<number[] | undefined> {
  const { target, deployment } = operation;
  // The rule of where a selection applies is check's: it admits `selectedRepositories` never at
  // repository level, and for an organization item only with visibility "selected".
  if (!isPresent(inputs.selectedRepositories)) return undefined;
  return resolveRepositoryIds(deployment, inputs.selectedRepositories, target.identity.org);
}

export { remove as delete };
