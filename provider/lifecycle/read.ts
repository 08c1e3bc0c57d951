import type * as pulumi from "@pulumi/pulumi";
import type { Deployment } from "../deployment/deployment";
import { refreshed } from "./drift";
import { statusOf } from "../errors";
import { listedItem } from "../github/item-listings";
import { startOperation, withoutProvider, type Operation, type RemoteItem } from "./item-operation";
import type { ResolvedOutputs, ScopeKey } from "../types";
import { isNewer, isStale } from "./write-stamp";

/**
 * Refresh. A missing item means the resource is gone. A secret's value cannot be read
 * back, so a newer `updated_at` than the one this resource wrote means somebody else wrote
 * it: the value is dropped from the state, and the next `pulumi up` writes it again.
 * Variables are compared by value, exactly. What the state keeps of such a change is the
 * resource's `onDrift` policy (`drift.ts`).
 *
 * An `updated_at` older than the recorded one is a stale replica answering (GitHub's reads
 * are eventually consistent): nothing is learned from it, it is no drift, and the recorded
 * stamp never moves backwards (see `write-stamp.ts`).
 */
export async function read(
  deployment: Deployment,
  key: ScopeKey,
  id: string,
  props: ResolvedOutputs | undefined,
): Promise<pulumi.dynamic.ReadResult<ResolvedOutputs>> {
  if (!props) return {};
  props = withoutProvider(props);
  const operation = startOperation(deployment, key, props, "reading");
  const { scope } = operation;
  let remote: RemoteItem | undefined;
  try {
    remote = await remoteItem(operation);
  } catch (error) {
    throw operation.fail(error);
  }
  if (!remote) return refreshed(operation, id, props, undefined);
  if (isStale(remote, props.updatedAt)) return { id, props } satisfies pulumi.dynamic.ReadResult<ResolvedOutputs>;

  const changedElsewhere = isNewer(remote, props.updatedAt);
  const outs: ResolvedOutputs = { ...props, createdAt: remote.created_at, updatedAt: remote.updated_at };
  if (scope.kind === "variable") {
    outs.value = remote.value;
  } else if (changedElsewhere) {
    delete outs.value;
    delete outs.valueEncrypted;
    delete outs.valueFingerprint;
  }
  if (scope.selection === "organization" && remote.visibility) outs.visibility = remote.visibility;
  const selected = scope.selection === "user" || remote.visibility === "selected";
  // The selection has its own endpoint, one request per item, and no list carries it. A change
  // of the selection bumps the item's `updated_at`, so it is asked for only when the item
  // changed since our write: a refresh of unchanged items costs no request per item.
  if (
    selected &&
    // Stryker disable next-line ConditionalExpression,StringLiteral: a repository-level item is not `selected` (GitHub gives it no visibility) and has no selection in the state, so the other conditions fail for it anyway
    scope.selection !== "none" &&
    props.selectedRepositoryIds &&
    changedElsewhere
  ) {
    const remoteIds = await listSelection(operation).catch((error: unknown) => {
      throw operation.fail(error);
    });
    if (!sameIds(remoteIds, props.selectedRepositoryIds)) {
      outs.selectedRepositoryIds = remoteIds;
      outs.selectedRepositories = remoteIds;
    }
  }
  return refreshed(operation, id, props, outs) satisfies pulumi.dynamic.ReadResult<ResolvedOutputs>;
}

/**
 * The item from its container's list (one request per container, shared by every read of this
 * deployment), or from its own GET when the list lacks it; undefined when GitHub has none.
 */
export async function remoteItem(operation: Operation): Promise<RemoteItem | undefined> {
  const { deployment, scope, target } = operation;
  const listed = await listedItem(deployment, scope, target);
  if (listed) return listed;
  try {
    return (await deployment.clients.api.request({ method: "GET", url: target.itemPath })).data as RemoteItem;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

export async function listSelection(operation: Operation): Promise<number[]> {
  const { target, deployment } = operation;
  const repositories = await deployment.clients.api.paginate<{ id: number }>(
    { method: "GET", url: `${target.itemPath}/repositories`, per_page: 100 } as never,
  );
  return repositories.map((r) => r.id).sort((a, b) => a - b);
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: both lists arrive sorted (listSelection, and ids sorted when written)
  const sorted = (ids: readonly number[]) => [...ids].sort((x, y) => x - y).join(",");
  return sorted(a) === sorted(b);
}
