// The scopes the emulator's suites loop over: every scope that holds secrets, with its paths, its
// container and its limit, and the Actions ones, which hold variables too.

import type { Container } from "../index";
import { call, sealedFor, type Reply } from "./support";

export type Level = "repo" | "environment" | "org" | "user";

export interface SecretScopeCase {
  label: string;
  /** Concrete, encoded base path. */
  base: string;
  /** OpenAPI template of the base (to look up response schemas). */
  template: string;
  container: Container;
  level: Level;
  /** A base naming something that does not exist. */
  missingBase?: string;
  limit: number;
}

export const SECRET_SCOPES: SecretScopeCase[] = [
  {
    label: "Actions repository",
    base: "/repos/octo-org/app/actions",
    template: "/repos/{owner}/{repo}/actions",
    container: { app: "actions", owner: "octo-org", repo: "app" },
    level: "repo",
    missingBase: "/repos/octo-org/nope/actions",
    limit: 100,
  },
  {
    label: "Actions environment",
    base: "/repos/octo-org/app/environments/staging%2Feu",
    template: "/repos/{owner}/{repo}/environments/{environment_name}",
    container: { app: "actions", owner: "octo-org", repo: "app", environment: "staging/eu" },
    level: "environment",
    missingBase: "/repos/octo-org/app/environments/nope",
    limit: 100,
  },
  {
    label: "Actions organization",
    base: "/orgs/octo-org/actions",
    template: "/orgs/{org}/actions",
    container: { app: "actions", org: "octo-org" },
    level: "org",
    missingBase: "/orgs/nope/actions",
    limit: 1000,
  },
  {
    label: "Dependabot repository",
    base: "/repos/octo-org/api/dependabot",
    template: "/repos/{owner}/{repo}/dependabot",
    container: { app: "dependabot", owner: "octo-org", repo: "api" },
    level: "repo",
    missingBase: "/repos/nobody/api/dependabot",
    limit: 100,
  },
  {
    label: "Dependabot organization",
    base: "/orgs/octo-org/dependabot",
    template: "/orgs/{org}/dependabot",
    container: { app: "dependabot", org: "octo-org" },
    level: "org",
    missingBase: "/orgs/octocat/dependabot", // a user, not an organization
    limit: 1000,
  },
  {
    label: "Codespaces repository",
    base: "/repos/octocat/dotfiles/codespaces",
    template: "/repos/{owner}/{repo}/codespaces",
    container: { app: "codespaces", owner: "octocat", repo: "dotfiles" },
    level: "repo",
    missingBase: "/repos/octocat/nope/codespaces",
    limit: 100,
  },
  {
    label: "Codespaces organization",
    base: "/orgs/octo-org/codespaces",
    template: "/orgs/{org}/codespaces",
    container: { app: "codespaces", org: "octo-org" },
    level: "org",
    missingBase: "/orgs/nope/codespaces",
    limit: 1000,
  },
  {
    label: "Codespaces user",
    base: "/user/codespaces",
    template: "/user/codespaces",
    container: { app: "codespaces", user: true },
    level: "user",
    limit: 100,
  },
];

/** Extra PUT fields a scope needs (organization secrets require a visibility). */
export const extraFor = (s: { level: Level }): Record<string, unknown> => (s.level === "org" ? { visibility: "all" } : {});

/** The scopes that hold variables as well: Actions repository, environment and organization. */
export const VARIABLE_SCOPES = SECRET_SCOPES.filter((s) => s.container.app === "actions");

/** PUTs a secret into `scope`, sealed for the scope's key, with the fields the scope requires by default. */
export function secretPutter(scope: SecretScopeCase): (name: string, value: string | Uint8Array, extra?: Record<string, unknown>) => Promise<Reply> {
  return async (name, value, extra = extraFor(scope)) => call("PUT", `${scope.base}/secrets/${name}`, { ...(await sealedFor(scope.base, value)), ...extra });
}
