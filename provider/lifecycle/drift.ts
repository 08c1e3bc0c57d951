import type * as pulumi from "@pulumi/pulumi";
import { capitalize, GitHubSecretsError } from "../errors";
import type { Operation } from "./item-operation";
import type { DriftPolicy, ResolvedOutputs } from "../types";

/*
 * `onDrift`: what a refresh does with a change made outside Pulumi (in GitHub's UI, by a
 * rotation workflow, by another tool). One rule for every scope, applied to what `read.ts`
 * learned from GitHub:
 *   - "overwrite" (default): take GitHub's side into the state. A secret's value cannot be
 *     read, so it is dropped; a variable's value is taken as is. The next `up` then sees a
 *     difference from the configured value and writes it again.
 *   - "ignore": keep the configured side in the state, so no `up` rewrites the item because
 *     of the change; only GitHub's timestamps are recorded. A deleted item is still gone.
 *   - "fail": stop the refresh (and `preview --refresh`, `up --refresh`) with an error that
 *     names the item and what changed, and how to accept or overwrite it.
 */

/** The fields through which the state knows a secret's value; refresh drops them on drift. */
const SECRET_VALUE_FIELDS = ["value", "valueEncrypted", "valueFingerprint"] as const;

/**
 * The answer of a refresh under the resource's policy. `observed` is the state as GitHub's
 * side would make it ("overwrite"), or undefined when the item no longer exists.
 */
export function refreshed(
  operation: Operation,
  id: string,
  props: ResolvedOutputs,
  observed: ResolvedOutputs | undefined,
): pulumi.dynamic.ReadResult<ResolvedOutputs> {
  // Stryker disable next-line StringLiteral: any policy other than "fail" and "ignore" overwrites
  const policy: DriftPolicy = props.onDrift ?? "overwrite";
  const changes = observed === undefined ? ["it was deleted"] : changesElsewhere(operation, props, observed);
  if (policy === "fail" && changes.length > 0) throw operation.fail(driftError(operation, changes, observed === undefined));
  if (observed === undefined) return {};
  if (policy === "ignore") {
    return { id, props: { ...props, createdAt: observed.createdAt, updatedAt: observed.updatedAt } };
  }
  return { id, props: observed };
}

/** What differs between the state and GitHub, in words: never a value. */
function changesElsewhere(operation: Operation, props: ResolvedOutputs, observed: ResolvedOutputs): string[] {
  const changes: string[] = [];
  if (operation.scope.kind === "variable") {
    if (observed.value !== props.value) changes.push("its value differs from the configured one (not shown)");
  } else if (SECRET_VALUE_FIELDS.some((field) => props[field] !== undefined && observed[field] === undefined)) {
    changes.push(`it was written at ${observed.updatedAt} (GitHub's updated_at), after this stack's last write at ${props.updatedAt}`);
  }
  if (observed.visibility !== props.visibility) {
    changes.push(`its visibility is "${observed.visibility}", not "${props.visibility}"`);
  }
  const ids = (list: number[] | undefined) => JSON.stringify([...(list ?? [])].sort((a, b) => a - b));
  if (ids(observed.selectedRepositoryIds) !== ids(props.selectedRepositoryIds)) {
    changes.push(`its repositories are ${ids(observed.selectedRepositoryIds)}, not ${ids(props.selectedRepositoryIds)}`);
  }
  return changes;
}

function driftError(operation: Operation, changes: string[], deleted: boolean): GitHubSecretsError {
  const { scope, target } = operation;
  const keep = deleted
    ? "To accept the deletion, remove the resource from the program (or `pulumi state delete` it)"
    : scope.kind === "variable"
      ? 'To keep the change, set the configured value to GitHub\'s and run `pulumi up`, or set `onDrift: "ignore"`'
      : 'To keep the change, set `onDrift: "ignore"`, run `pulumi up`, then `pulumi refresh` (it records GitHub\'s updated_at; "fail" may be set again afterwards)';
  const overwrite =
    "to write the configured value again, run `pulumi up --replace <URN>` (`pulumi stack --show-urns` lists them), " +
    'or set `onDrift: "overwrite"`, run `pulumi up`, then `pulumi refresh` and `pulumi up`';
  return new GitHubSecretsError(
    `${capitalize(scope.title)} ${target.label} was changed outside Pulumi and its \`onDrift\` is "fail": ` +
      `${changes.join("; ")}. ${keep}; ${overwrite}.`,
  );
}
