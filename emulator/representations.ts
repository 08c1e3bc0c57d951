// JSON shapes of the resources, as GitHub returns them.

import { isoSeconds } from "./clock";
import type { ResolvedContainer } from "./containers";
import type { ItemKind, ItemRecord, SecretRecord, VariableRecord } from "./state";
import type { Account, Repository } from "./world";

function selectionFields(origin: string, container: ResolvedContainer, kind: ItemKind, r: ItemRecord): Record<string, unknown> {
  const url = `${origin}${container.apiBase}/${kind}/${r.name}/repositories`;
  switch (container.scope.selection) {
    case "visibility":
      return { visibility: r.visibility, ...(r.visibility === "selected" ? { selected_repositories_url: url } : {}) };
    case "always":
      // The user's Codespaces secrets always carry a selection (schema "codespaces-secret").
      return { visibility: "selected", selected_repositories_url: url };
    case null:
      return {};
  }
}

export function secretJson(origin: string, container: ResolvedContainer, r: SecretRecord): Record<string, unknown> {
  return {
    name: r.name,
    created_at: isoSeconds(r.createdAt),
    updated_at: isoSeconds(r.updatedAt),
    ...selectionFields(origin, container, "secrets", r),
  };
}

export function variableJson(origin: string, container: ResolvedContainer, r: VariableRecord): Record<string, unknown> {
  return {
    name: r.name,
    value: r.value,
    created_at: isoSeconds(r.createdAt),
    updated_at: isoSeconds(r.updatedAt),
    ...selectionFields(origin, container, "variables", r),
  };
}

export function accountJson(origin: string, a: Account): Record<string, unknown> {
  return {
    login: a.login,
    id: a.id,
    node_id: Buffer.from(`${a.type === "User" ? "04:User" : "012:Organization"}${a.id}`).toString("base64"),
    type: a.type,
    site_admin: false,
    url: `${origin}/${a.type === "User" ? "users" : "orgs"}/${a.login}`,
    html_url: `https://github.com/${a.login}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${a.id}?v=4`,
  };
}

/** A "minimal repository", as listed by the selection endpoints. */
export function repositoryJson(origin: string, r: Repository): Record<string, unknown> {
  const fullName = `${r.owner.login}/${r.name}`;
  return {
    id: r.id,
    node_id: Buffer.from(`010:Repository${r.id}`).toString("base64"),
    name: r.name,
    full_name: fullName,
    private: r.private,
    visibility: r.private ? "private" : "public",
    owner: accountJson(origin, r.owner),
    html_url: `https://github.com/${fullName}`,
    description: null,
    fork: false,
    url: `${origin}/repos/${fullName}`,
    default_branch: "main",
    created_at: r.createdAt,
    updated_at: r.createdAt,
    pushed_at: r.createdAt,
  };
}
