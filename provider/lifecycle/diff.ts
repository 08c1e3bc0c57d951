import type * as pulumi from "@pulumi/pulumi";
import type { Deployment } from "../deployment/deployment";
import { matchesFingerprint } from "../values/fingerprint";
import { scopeFor } from "../scopes";
import type { ResolvedInputs, ResolvedOutputs, ScopeKey } from "../types";
import { isUnknownSource, readSource, sameSource } from "../values/value-sources";

/**
 * Compares the old outputs with the new inputs without calling GitHub (a preview sends no
 * request). Names, accounts and environments compare case-insensitively, as GitHub treats
 * them; a change of letter case alone is no change. A `valueFrom` source is read here, so
 * that a preview shows a changed source (and fails on a missing one).
 */
export async function diff(
  deployment: Deployment,
  key: ScopeKey,
  _id: string,
  olds: ResolvedOutputs,
  news: ResolvedInputs,
): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }> {
  const scope = scopeFor(key);
  const replaces = [...scope.identity, scope.nameProperty].filter(
    (property) => !sameText(olds[property], news[property]),
  );
  const updates = [
    // Stryker disable next-line StringLiteral: the names of updates are only counted (the engine gets `changes`, not a list of updates)
    ...((await compareValue(deployment, olds, news)).changed ? ["value"] : []),
    ...(olds.visibility !== news.visibility &&
    // Stryker disable next-line ConditionalExpression: check gives only organization scopes a visibility (the others refuse one), so elsewhere both sides lack it
    scope.selection === "organization"
      ? // Stryker disable next-line StringLiteral: the names of updates are only counted (the engine gets `changes`, not a list of updates)
        ["visibility"]
      : []),
    // Stryker disable next-line StringLiteral: the names of updates are only counted (the engine gets `changes`, not a list of updates)
    ...(!sameSelection(olds.selectedRepositories, news.selectedRepositories) ? ["selectedRepositories"] : []),
    // Refresh reads the policy from the outputs, so a new one must be recorded (no request).
    ...((olds.onDrift ?? "overwrite") !== (news.onDrift ?? "overwrite")
      ? // Stryker disable next-line StringLiteral: the names of updates are only counted (the engine gets `changes`, not a list of updates)
        ["onDrift"]
      : []),
  ];
  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces,
    deleteBeforeReplace: false,
  } satisfies pulumi.dynamic.DiffResult;
}

/**
 * The value to write, and whether it differs from the one the resource wrote last (`olds`,
 * its outputs). A `valueFrom` source is read (once per process) and compared through the
 * fingerprint in `olds`; nothing is written.
 */
export async function compareValue(
  deployment: Deployment,
  olds: ResolvedOutputs | undefined,
  news: ResolvedInputs,
): Promise<{ changed: boolean; plaintext: string | undefined }> {
  const source = news.valueFrom;
  if (source === undefined || source === null) {
    const changed = olds === undefined || olds.value !== news.value || olds.valueEncrypted !== news.valueEncrypted || olds.keyId !== news.keyId;
    return { changed, plaintext: news.value };
  }
  if (isUnknownSource(source)) return { changed: true, plaintext: undefined };
  const plaintext = await readSource(deployment, source);
  const changed =
    olds === undefined ||
    // Stryker disable next-line ConditionalExpression: check allows one of value, valueEncrypted and valueFrom and the outputs are the inputs, so old outputs with a value have no valueFrom: sameSource decides
    olds.value !== undefined ||
    // Stryker disable next-line ConditionalExpression: old outputs with a sealed value have no valueFrom either (see above): sameSource decides
    olds.valueEncrypted !== undefined ||
    !sameSource(olds.valueFrom, source) ||
    !(await matchesFingerprint(plaintext, olds.valueFingerprint));
  return { changed, plaintext };
}

function sameText(a: unknown, b: unknown): boolean {
  // Stryker disable next-line StringLiteral: check makes the name and every identity input a non-empty string, so never is one side absent and the other ""
  return String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase();
}

export function sameSelection(a: ResolvedInputs["selectedRepositories"], b: ResolvedInputs["selectedRepositories"]): boolean {
  const canonical = (list: typeof a) =>
    // Stryker disable next-line ArrayDeclaration: an absent list is told apart below before canonical forms are compared
    (list ?? [])
      .map(
        // Stryker disable next-line MethodExpression: upper case would be the same canonical form (check allows ASCII names only)
        (r) => String(r).toLowerCase(),
      )
      .sort()
      .join("\n");
  return (a === undefined) === (b === undefined) && canonical(a) === canonical(b);
}
