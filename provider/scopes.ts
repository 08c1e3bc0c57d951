import type { IdentityProperty, ScopeKey } from "./types";

/**
 * One row per place GitHub keeps secrets or variables. Everything that differs between
 * scopes is data in this table; create, read, update, delete, diff and check are written
 * once (see `operations.ts`), so a fix for one scope is a fix for all of them.
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
}

/** Encodes one path segment exactly once: an environment named `staging/eu` becomes `staging%2Feu`. */
const segment = encodeURIComponent;

const repositoryPath = (app: string) => (id: Readonly<Record<IdentityProperty, string>>) =>
  `/repos/${segment(id.owner)}/${segment(id.repository)}/${app}`;
const organizationPath = (app: string) => (id: Readonly<Record<IdentityProperty, string>>) =>
  `/orgs/${segment(id.org)}/${app}`;
const environmentPath = (id: Readonly<Record<IdentityProperty, string>>) =>
  `/repos/${segment(id.owner)}/${segment(id.repository)}/environments/${segment(id.environment)}`;

const repository = ["owner", "repository"] as const;
const environment = ["owner", "repository", "environment"] as const;
const organization = ["org"] as const;

const perRepository = { count: 100, per: "repository" } as const;
const perEnvironment = { count: 100, per: "environment" } as const;
const perOrganization = { count: 1000, per: "organization" } as const;

export const scopes: Readonly<Record<ScopeKey, Scope>> = {
  "actions-repository-secret": {
    key: "actions-repository-secret",
    kind: "secret",
    title: "repository Actions secret",
    identity: repository,
    nameProperty: "secretName",
    selection: "none",
    basePath: repositoryPath("actions"),
    limit: perRepository,
    permissions: "a classic token needs the `repo` scope; a fine-grained token or GitHub App needs the repository permission \"Secrets: write\"",
    docs: "https://docs.github.com/en/rest/actions/secrets",
  },
  "actions-environment-secret": {
    key: "actions-environment-secret",
    kind: "secret",
    title: "environment Actions secret",
    identity: environment,
    nameProperty: "secretName",
    selection: "none",
    basePath: environmentPath,
    limit: perEnvironment,
    permissions: "a classic token needs the `repo` scope; a fine-grained token or GitHub App needs the repository permissions \"Environments: write\" and \"Secrets: write\"",
    docs: "https://docs.github.com/en/rest/actions/secrets",
  },
  "actions-organization-secret": {
    key: "actions-organization-secret",
    kind: "secret",
    title: "organization Actions secret",
    identity: organization,
    nameProperty: "secretName",
    selection: "organization",
    basePath: organizationPath("actions"),
    limit: perOrganization,
    permissions: "a classic token needs the `admin:org` scope (and `repo` for private repositories); a fine-grained token or GitHub App needs the organization permission \"Secrets: write\"",
    docs: "https://docs.github.com/en/rest/actions/secrets",
  },
  "dependabot-repository-secret": {
    key: "dependabot-repository-secret",
    kind: "secret",
    title: "repository Dependabot secret",
    identity: repository,
    nameProperty: "secretName",
    selection: "none",
    basePath: repositoryPath("dependabot"),
    limit: perRepository,
    permissions: "a classic token needs the `repo` scope; a fine-grained token or GitHub App needs the repository permission \"Dependabot secrets: write\"",
    docs: "https://docs.github.com/en/rest/dependabot/secrets",
  },
  "dependabot-organization-secret": {
    key: "dependabot-organization-secret",
    kind: "secret",
    title: "organization Dependabot secret",
    identity: organization,
    nameProperty: "secretName",
    selection: "organization",
    basePath: organizationPath("dependabot"),
    limit: perOrganization,
    permissions: "a classic token needs the `admin:org` scope; a fine-grained token or GitHub App needs the organization permission \"Dependabot secrets: write\"",
    docs: "https://docs.github.com/en/rest/dependabot/secrets",
  },
  "codespaces-repository-secret": {
    key: "codespaces-repository-secret",
    kind: "secret",
    title: "repository Codespaces secret",
    identity: repository,
    nameProperty: "secretName",
    selection: "none",
    basePath: repositoryPath("codespaces"),
    limit: perRepository,
    permissions: "a classic token needs the `repo` scope; a fine-grained token or GitHub App needs the repository permission \"Codespaces secrets: write\"",
    docs: "https://docs.github.com/en/rest/codespaces/repository-secrets",
  },
  "codespaces-organization-secret": {
    key: "codespaces-organization-secret",
    kind: "secret",
    title: "organization Codespaces secret",
    identity: organization,
    nameProperty: "secretName",
    selection: "organization",
    basePath: organizationPath("codespaces"),
    limit: perOrganization,
    permissions: "a classic token needs the `admin:org` scope; a fine-grained token or GitHub App needs the organization permission \"Codespaces secrets: write\"",
    docs: "https://docs.github.com/en/rest/codespaces/organization-secrets",
  },
  "codespaces-user-secret": {
    key: "codespaces-user-secret",
    kind: "secret",
    title: "user Codespaces secret",
    identity: [],
    nameProperty: "secretName",
    selection: "user",
    basePath: () => "/user/codespaces",
    limit: { count: 100, per: "user" },
    permissions: "a classic token needs the `codespace` or `codespace:secrets` scope; a fine-grained token needs the user permission \"Codespaces user secrets: write\"",
    docs: "https://docs.github.com/en/rest/codespaces/secrets",
  },
  "actions-repository-variable": {
    key: "actions-repository-variable",
    kind: "variable",
    title: "repository Actions variable",
    identity: repository,
    nameProperty: "variableName",
    selection: "none",
    basePath: repositoryPath("actions"),
    limit: { count: 500, per: "repository" },
    permissions: "a classic token needs the `repo` scope; a fine-grained token or GitHub App needs the repository permission \"Variables: write\"",
    docs: "https://docs.github.com/en/rest/actions/variables",
  },
  "actions-environment-variable": {
    key: "actions-environment-variable",
    kind: "variable",
    title: "environment Actions variable",
    identity: environment,
    nameProperty: "variableName",
    selection: "none",
    basePath: environmentPath,
    limit: { count: 100, per: "environment" },
    permissions: "a classic token needs the `repo` scope; a fine-grained token or GitHub App needs the repository permissions \"Environments: write\" and \"Variables: write\"",
    docs: "https://docs.github.com/en/rest/actions/variables",
  },
  "actions-organization-variable": {
    key: "actions-organization-variable",
    kind: "variable",
    title: "organization Actions variable",
    identity: organization,
    nameProperty: "variableName",
    selection: "organization",
    basePath: organizationPath("actions"),
    limit: perOrganization,
    permissions: "a classic token needs the `admin:org` scope; a fine-grained token or GitHub App needs the organization permission \"Variables: write\"",
    docs: "https://docs.github.com/en/rest/actions/variables",
  },
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
