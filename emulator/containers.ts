// Resolves a scope instance ("container") from decoded path parameters or from a programmatic
// Container address, against the known world. Unknown owner/repo/org/environment → 404.

import { notFound } from "./api-error";
import { findScope, type ScopeDef } from "./scopes";
import type { Container } from "./types";
import type { Account, Repository, World } from "./world";

export interface ResolvedContainer {
  scope: ScopeDef;
  /** Stable identity of the container, e.g. "actions-repo:1001", "actions-environment:1001:staging/eu". */
  key: string;
  /** Canonical API path of the scope's base, percent-encoded, e.g. "/orgs/octo-org/actions". */
  apiBase: string;
  repository?: Repository;
  environment?: string;
  /** The organization (org scopes) or the user (user scope) that owns the container. */
  account?: Account;
}

/** Resolves from the decoded path parameters of a matched route; throws a 404 ApiError. */
export function resolveFromParams(world: World, scope: ScopeDef, params: Record<string, string>): ResolvedContainer {
  switch (scope.level) {
    case "repo":
    case "environment": {
      const repository = world.repository(params.owner ?? "", params.repo ?? "");
      if (!repository) throw notFound();
      const repoBase = `/repos/${repository.owner.login}/${repository.name}`;
      if (scope.level === "repo") {
        return { scope, key: `${scope.id}:${repository.id}`, apiBase: `${repoBase}/${scope.app}`, repository };
      }
      const environment = world.environment(repository, params.environment_name ?? "");
      if (environment === undefined) throw notFound();
      return {
        scope,
        key: `${scope.id}:${repository.id}:${environment.toLowerCase()}`,
        apiBase: `${repoBase}/environments/${encodeURIComponent(environment)}`,
        repository,
        environment,
      };
    }
    case "org": {
      const account = world.organization(params.org ?? "");
      if (!account) throw notFound();
      return { scope, key: `${scope.id}:${account.login.toLowerCase()}`, apiBase: `/orgs/${account.login}/${scope.app}`, account };
    }
    case "user": {
      const account = world.user;
      return { scope, key: `${scope.id}:${account.login.toLowerCase()}`, apiBase: `/user/${scope.app}`, account };
    }
  }
}

/** Resolves a programmatic Container address; throws an Error naming what is unknown. */
export function resolveContainer(world: World, c: Container): ResolvedContainer {
  const level = "user" in c ? "user" : "org" in c ? "org" : c.environment !== undefined ? "environment" : "repo";
  const scope = findScope(c.app, level);
  if (!scope) throw new Error(`no ${c.app} scope at the ${level} level (${JSON.stringify(c)})`);
  const params: Record<string, string> = {};
  if ("org" in c) params.org = c.org;
  if ("owner" in c) {
    params.owner = c.owner;
    params.repo = c.repo;
    if (c.environment !== undefined) params.environment_name = c.environment;
  }
  try {
    return resolveFromParams(world, scope, params);
  } catch {
    throw new Error(`unknown container ${JSON.stringify(c)}`);
  }
}
