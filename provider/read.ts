import type * as pulumi from "@pulumi/pulumi";
import { refreshed } from "./drift";
import { statusOf } from "./errors";
import { begin, withoutProvider, type Operation, type RemoteItem } from "./operation";
import type { ResolvedOutputs, ScopeKey } from "./types";

/**
 * Refresh. A missing item means the resource is gone. A secret's value cannot be read
 * back, so a newer `updated_at` than the one this resource wrote means somebody else wrote
 * it: the value is dropped from the state, and the next `pulumi up` writes it again.
 * Variables are compared by value, exactly. What the state keeps of such a change is the
 * resource's `onDrift` policy (`drift.ts`).
 */
export async function read(
  key: ScopeKey,
  id: string,
  props: ResolvedOutputs | undefined,
): Promise<pulumi.dynamic.ReadResult<ResolvedOutputs>> {
  if (!props) return {};
  props = withoutProvider(props);
  const operation = begin(key, props, "reading");
  const { scope, target, clients } = operation;
  let remote: RemoteItem;
  try {
    remote = (await clients.api.request({ method: "GET", url: target.itemPath })).data as RemoteItem;
  } catch (error) {
    if (statusOf(error) === 404) return refreshed(operation, id, props, undefined);
    throw operation.fail(error);
  }
  const outs: ResolvedOutputs = { ...props, createdAt: remote.created_at, updatedAt: remote.updated_at };
  if (scope.kind === "variable") {
    outs.value = remote.value;
  } else if (isNewer(remote.updated_at, props.updatedAt)) {
    delete outs.value;
    delete outs.valueEncrypted;
    delete outs.valueFingerprint;
  }
  if (scope.selection === "organization" && remote.visibility) outs.visibility = remote.visibility;
  const selected = scope.selection === "user" || remote.visibility === "selected";
  if (scope.selection !== "none" && selected && props.selectedRepositoryIds) {
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

async function listSelection(operation: Operation): Promise<number[]> {
  const { target, clients } = operation;
  const repositories = await clients.api.paginate<{ id: number }>(
    { method: "GET", url: `${target.itemPath}/repositories`, per_page: 100 } as never,
  );
  return repositories.map((r) => r.id).sort((a, b) => a - b);
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: both lists arrive sorted (listSelection, and ids sorted when written)
  const sorted = (ids: readonly number[]) => [...ids].sort((x, y) => x - y).join(",");
  return sorted(a) === sorted(b);
}

function isNewer(remote: string, recorded: string | undefined): boolean {
  return recorded === undefined || Date.parse(remote) > Date.parse(recorded);
}

