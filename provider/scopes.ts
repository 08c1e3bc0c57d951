import type { DotenvKind, IdentityProperty, ResourceClassName, ScopeKey, ScopeTarget } from "./types";

/**
 * The registry of kinds: one row per place GitHub keeps secrets or variables, naming its API,
 * what holds the item, the resource class that serves it and what `SecretsFromDotenv` calls
 * it. Everything that differs between scopes is data here; check, diff, read and write are
 * written once (lifecycle/), so a fix for one scope is a fix for all of them. Adding a scope
 * is a row here and, if no class serves it yet, one class in resources/.
 *
 * Paths: https://docs.github.com/en/rest/actions/secrets,
 * https://docs.github.com/en/rest/actions/variables,
 * https://docs.github.com/en/rest/dependabot/secrets,
 * https://docs.github.com/en/rest/codespaces/organization-secrets,
 * https://docs.github.com/en/rest/codespaces/repository-secrets,
 * https://docs.github.com/en/rest/codespaces/secrets (the authenticated user's).
 */
export interface Scope {
  readonly key: ScopeKey;
  readonly kind: "secret" | "variable";
  /** Used in messages: "repository Actions secret". */
  readonly title: string;
  /** What holds the item; a class serving several scopes picks one by it (`scopeOfArguments`). */
  readonly target: ScopeTarget;
  /** The inputs that name the container, in path order. They force replacement when changed. */
  readonly identity: readonly IdentityProperty[];
  /** The input holding the item's name. */
  readonly nameProperty: "secretName" | "variableName";
  /**
   * Who chooses which repositories can use the item: nobody, an organization (a visibility
   * of all/private/selected plus a repository list), or a user (a repository list only).
   */
  readonly selection: "none" | "organization" | "user";
  /** API path of the container, e.g. `/repos/acme/app/actions`; segments encoded exactly once. */
  basePath(identity: Readonly<Record<IdentityProperty, string>>): string;
  /** How many items GitHub allows in one container, and what that container is called. */
  readonly limit: { readonly count: number; readonly per: string };
  /** What a token needs for this scope, said when GitHub answers 403 or 404. */
  readonly permissions: string;
  readonly docs: string;
  readonly resourceClass: ResourceClassName;
  /** `SecretsFromDotenv`'s `kind` for items of this scope; none can go to the user's own secrets. */
  readonly dotenvKind?: DotenvKind;
}

type Identity = Readonly<Record<IdentityProperty, string>>;
type App = "actions" | "dependabot" | "codespaces";

/** Encodes one path segment exactly once: an environment named `staging/eu` becomes `staging%2Feu`. */
const segment = encodeURIComponent;

/** What each target takes from the arguments, who selects repositories, and the container's path. */
const TARGETS: Readonly<Record<ScopeTarget, Pick<Scope, "identity" | "selection"> & { path(app: App, id: Identity): string }>> = {
  repository: { identity: ["owner", "repository"], selection: "none", path: (app, id) => `/repos/${segment(id.owner)}/${segment(id.repository)}/${app}` },
  // Environments have Actions secrets and variables only, under a path without the app.
  environment: {
    identity: ["owner", "repository", "environment"],
    selection: "none",
    path: (_app, id) => `/repos/${segment(id.owner)}/${segment(id.repository)}/environments/${segment(id.environment)}`,
  },
  organization: { identity: ["org"], selection: "organization", path: (app, id) => `/orgs/${segment(id.org)}/${app}` },
  user: { identity: [], selection: "user", path: (app) => `/user/${app}` },
};

const APP_TITLES: Readonly<Record<App, string>> = { actions: "Actions", dependabot: "Dependabot", codespaces: "Codespaces" };

interface Row {
  kind: Scope["kind"];
  app: App;
  target: ScopeTarget;
  resourceClass: ResourceClassName;
  dotenvKind?: DotenvKind;
  limit: Scope["limit"];
  permissions: string;
  docs: string;
}

function scope(key: ScopeKey, { kind, app, target, resourceClass, dotenvKind, limit, permissions, docs }: Row): Scope {
  const { identity, selection, path } = TARGETS[target];
  return {
    key,
    kind,
    title: `${target} ${APP_TITLES[app]} ${kind}`,
    target,
    identity,
    nameProperty: kind === "secret" ? "secretName" : "variableName",
    selection,
    basePath: (id) => path(app, id),
    limit,
    permissions,
    docs,
    resourceClass,
    ...(dotenvKind ? { dotenvKind } : {}),
  };
}

const perRepository = { count: 100, per: "repository" } as const;
const perEnvironment = { count: 100, per: "environment" } as const;
const perOrganization = { count: 1000, per: "organization" } as const;
const classicRepo = "a classic token needs the `repo` scope; a fine-grained token or GitHub App needs the repository permission";
const ACTIONS_SECRETS = "https://docs.github.com/en/rest/actions/secrets";
const DEPENDABOT_SECRETS = "https://docs.github.com/en/rest/dependabot/secrets";
const VARIABLES = "https://docs.github.com/en/rest/actions/variables";

/** In this order a class serving several scopes falls back to its first (the repository's). */
export const scopes: Readonly<Record<ScopeKey, Scope>> = {
  "actions-repository-secret": scope("actions-repository-secret", {
    kind: "secret", app: "actions", target: "repository", resourceClass: "RepoSecret", dotenvKind: "actions", limit: perRepository,
    permissions: `${classicRepo} "Secrets: write"`, docs: ACTIONS_SECRETS,
  }),
  "actions-environment-secret": scope("actions-environment-secret", {
    kind: "secret", app: "actions", target: "environment", resourceClass: "EnvironmentSecret", dotenvKind: "actions", limit: perEnvironment,
    permissions: `${classicRepo}s "Environments: write" and "Secrets: write"`, docs: ACTIONS_SECRETS,
  }),
  "actions-organization-secret": scope("actions-organization-secret", {
    kind: "secret", app: "actions", target: "organization", resourceClass: "OrgSecret", dotenvKind: "actions", limit: perOrganization,
    permissions: "a classic token needs the `admin:org` scope (and `repo` for private repositories); a fine-grained token or GitHub App needs the organization permission \"Secrets: write\"",
    docs: ACTIONS_SECRETS,
  }),
  "dependabot-repository-secret": scope("dependabot-repository-secret", {
    kind: "secret", app: "dependabot", target: "repository", resourceClass: "DependabotSecret", dotenvKind: "dependabot", limit: perRepository,
    permissions: `${classicRepo} "Dependabot secrets: write"`, docs: DEPENDABOT_SECRETS,
  }),
  "dependabot-organization-secret": scope("dependabot-organization-secret", {
    kind: "secret", app: "dependabot", target: "organization", resourceClass: "DependabotSecret", dotenvKind: "dependabot", limit: perOrganization,
    permissions: "a classic token needs the `admin:org` scope; a fine-grained token or GitHub App needs the organization permission \"Dependabot secrets: write\"",
    docs: DEPENDABOT_SECRETS,
  }),
  "codespaces-repository-secret": scope("codespaces-repository-secret", {
    kind: "secret", app: "codespaces", target: "repository", resourceClass: "CodespacesSecret", dotenvKind: "codespaces", limit: perRepository,
    permissions: `${classicRepo} "Codespaces secrets: write"`, docs: "https://docs.github.com/en/rest/codespaces/repository-secrets",
  }),
  "codespaces-organization-secret": scope("codespaces-organization-secret", {
    kind: "secret", app: "codespaces", target: "organization", resourceClass: "CodespacesSecret", dotenvKind: "codespaces", limit: perOrganization,
    permissions: "a classic token needs the `admin:org` scope; a fine-grained token or GitHub App needs the organization permission \"Codespaces secrets: write\"",
    docs: "https://docs.github.com/en/rest/codespaces/organization-secrets",
  }),
  "codespaces-user-secret": scope("codespaces-user-secret", {
    kind: "secret", app: "codespaces", target: "user", resourceClass: "CodespacesSecret", limit: { count: 100, per: "user" },
    permissions: "a classic token needs the `codespace` or `codespace:secrets` scope; a fine-grained token needs the user permission \"Codespaces user secrets: write\"",
    docs: "https://docs.github.com/en/rest/codespaces/secrets",
  }),
  "actions-repository-variable": scope("actions-repository-variable", {
    kind: "variable", app: "actions", target: "repository", resourceClass: "RepoVariable", dotenvKind: "variables", limit: { count: 500, per: "repository" },
    permissions: `${classicRepo} "Variables: write"`, docs: VARIABLES,
  }),
  "actions-environment-variable": scope("actions-environment-variable", {
    kind: "variable", app: "actions", target: "environment", resourceClass: "EnvironmentVariable", dotenvKind: "variables", limit: perEnvironment,
    permissions: `${classicRepo}s "Environments: write" and "Variables: write"`, docs: VARIABLES,
  }),
  "actions-organization-variable": scope("actions-organization-variable", {
    kind: "variable", app: "actions", target: "organization", resourceClass: "OrgVariable", dotenvKind: "variables", limit: perOrganization,
    permissions: "a classic token needs the `admin:org` scope; a fine-grained token or GitHub App needs the organization permission \"Variables: write\"",
    docs: VARIABLES,
  }),
};

export function scopeFor(key: ScopeKey): Scope {
  const scope = scopes[key];
  if (!scope) throw new Error(`Unknown scope "${key}"`);
  return scope;
}

/** The collection an item lives in: `secrets` or `variables`. */
export function collection(scope: Scope): "secrets" | "variables" {
  return scope.kind === "secret" ? "secrets" : "variables";
}

/** What a resource's (or a `.env` component's) arguments name: the user, an environment, a repository, else an organization. */
export function targetOfArguments(given: object): ScopeTarget {
  const args = given as { user?: unknown; environment?: unknown; repository?: unknown };
  if (args.user === true) return "user";
  if (args.environment !== undefined) return "environment";
  return args.repository !== undefined ? "repository" : "organization";
}

/**
 * The scope a resource of `resourceClass` addresses with `args`. A class serving one scope
 * always gets it (check then names what its arguments lack); a class serving several gets the
 * one its arguments name, else its first.
 */
export function scopeOfArguments(resourceClass: ResourceClassName, args: object): Scope {
  const rows = Object.values(scopes).filter((scope) => scope.resourceClass === resourceClass);
  const target = targetOfArguments(args);
  return rows.find((scope) => scope.target === target) ?? rows[0]!;
}

/** The `.env` kinds, in the registry's order. */
export const DOTENV_KINDS: readonly DotenvKind[] = [...new Set(Object.values(scopes).flatMap((scope) => (scope.dotenvKind ? [scope.dotenvKind] : [])))];

/** The scope `.env` items of `kind` go to in `target`, if GitHub has one. */
export function dotenvScopeOf(kind: DotenvKind, target: ScopeTarget): Scope | undefined {
  return Object.values(scopes).find((scope) => scope.dotenvKind === kind && scope.target === target);
}

/** The arguments that say where a target's items go: its identity, and an organization's selection. */
export function targetArguments(target: ScopeTarget): readonly string[] {
  const { identity, selection } = TARGETS[target];
  return [...identity, ...(selection === "organization" ? ["visibility", "selectedRepositories"] : [])];
}
