import type * as pulumi from "@pulumi/pulumi";
import { scopeFor } from "./scopes";
import type { ResolvedInputs, ResolvedOutputs, ScopeKey } from "./types";

/**
 * Compares the old outputs with the new inputs without calling GitHub (a preview sends no
 * request). Names, accounts and environments compare case-insensitively, as GitHub treats
 * them; a change of letter case alone is no change.
 */
export async function diff(
  key: ScopeKey,
  _id: string,
  olds: ResolvedOutputs,
  news: ResolvedInputs,
): Promise<pulumi.dynamic.DiffResult> {
  const scope = scopeFor(key);
  const replaces = [...scope.identity, scope.nameProperty].filter(
    (property) => !sameText(olds[property], news[property]),
  );
  const updates = [
    ...(valueChanged(olds, news) ? ["value"] : []),
    ...(olds.visibility !== news.visibility && scope.selection === "organization" ? ["visibility"] : []),
    ...(!sameSelection(olds.selectedRepositories, news.selectedRepositories) ? ["selectedRepositories"] : []),
  ];
  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces,
    deleteBeforeReplace: false,
  } satisfies pulumi.dynamic.DiffResult;
}

export function valueChanged(olds: ResolvedInputs, news: ResolvedInputs): boolean {
  return olds.value !== news.value || olds.valueEncrypted !== news.valueEncrypted || olds.keyId !== news.keyId;
}

function sameText(a: unknown, b: unknown): boolean {
  return String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase();
}

function sameSelection(a: ResolvedInputs["selectedRepositories"], b: ResolvedInputs["selectedRepositories"]): boolean {
  const canonical = (list: typeof a) => (list ?? []).map((r) => String(r).toLowerCase()).sort().join("\n");
  return (a === undefined) === (b === undefined) && canonical(a) === canonical(b);
}

