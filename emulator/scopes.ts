// The table of scopes. Every route, limit and response shape derives from this one table:
// there is no per-scope copy of the secret/variable logic.

import type { App } from "./types";

export type ScopeLevel = "repo" | "environment" | "org" | "user";
export type ScopeId =
  | "actions-repo"
  | "actions-environment"
  | "actions-org"
  | "dependabot-repo"
  | "dependabot-org"
  | "codespaces-repo"
  | "codespaces-org"
  | "codespaces-user";

export interface ScopeDef {
  id: ScopeId;
  app: App;
  level: ScopeLevel;
  /** OpenAPI path template of the scope's base, e.g. "/orgs/{org}/actions". */
  base: string;
  /** Actions variables live here too. */
  variables: boolean;
  /**
   * Repository selection endpoints ({base}/secrets/{name}/repositories…):
   * "visibility": organization scopes, usable only while visibility is `selected` (else 409);
   * "always": the user's Codespaces secrets (no visibility, always a selection).
   */
  selection: "visibility" | "always" | null;
  /** Secrets per container (GitHub docs: 100 per repository/environment, 1,000 per organization). */
  secretLimit: number;
  /** Variables per container (GitHub docs: 500 per repository, 100 per environment, 1,000 per organization). */
  variableLimit: number;
}

export const SCOPES: readonly ScopeDef[] = [
  scope("actions-repo", "actions", "repo", "/repos/{owner}/{repo}/actions", true, null, 100, 500),
  scope("actions-environment", "actions", "environment", "/repos/{owner}/{repo}/environments/{environment_name}", true, null, 100, 100),
  scope("actions-org", "actions", "org", "/orgs/{org}/actions", true, "visibility", 1000, 1000),
  scope("dependabot-repo", "dependabot", "repo", "/repos/{owner}/{repo}/dependabot", false, null, 100, 0),
  scope("dependabot-org", "dependabot", "org", "/orgs/{org}/dependabot", false, "visibility", 1000, 0),
  scope("codespaces-repo", "codespaces", "repo", "/repos/{owner}/{repo}/codespaces", false, null, 100, 0),
  scope("codespaces-org", "codespaces", "org", "/orgs/{org}/codespaces", false, "visibility", 1000, 0),
  scope("codespaces-user", "codespaces", "user", "/user/codespaces", false, "always", 100, 0),
];

function scope(
  id: ScopeId,
  app: App,
  level: ScopeLevel,
  base: string,
  variables: boolean,
  selection: ScopeDef["selection"],
  secretLimit: number,
  variableLimit: number,
): ScopeDef {
  return { id, app, level, base, variables, selection, secretLimit, variableLimit };
}

export function findScope(app: App, level: ScopeLevel): ScopeDef | undefined {
  return SCOPES.find((s) => s.app === app && s.level === level);
}

/** Maximum value size of a secret (plaintext) or variable: 48 KB. */
export const VALUE_LIMIT_BYTES = 48 * 1024;
