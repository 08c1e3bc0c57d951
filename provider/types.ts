/**
 * Types shared by the provider's modules. The user-facing `…Args` interfaces live beside
 * the resource classes; these are the plain, resolved shapes the provider works with.
 */

/** Every place GitHub keeps secrets or variables. See `scopes.ts` for the table. */
export type ScopeKey =
  | "actions-repository-secret"
  | "actions-environment-secret"
  | "actions-organization-secret"
  | "dependabot-repository-secret"
  | "dependabot-organization-secret"
  | "codespaces-repository-secret"
  | "codespaces-organization-secret"
  | "codespaces-user-secret"
  | "actions-repository-variable"
  | "actions-environment-variable"
  | "actions-organization-variable";

export type Visibility = "all" | "private" | "selected";

/** The resource classes, as their type tokens name them: `github-secrets:RepoSecret`. */
export type ResourceClassName =
  | "RepoSecret"
  | "EnvironmentSecret"
  | "OrgSecret"
  | "DependabotSecret"
  | "CodespacesSecret"
  | "RepoVariable"
  | "EnvironmentVariable"
  | "OrgVariable";

/** What holds an item, as a resource's arguments name it. */
export type ScopeTarget = "repository" | "environment" | "organization" | "user";

/** What the items of a `.env` file become: Actions, Dependabot or Codespaces secrets, or Actions variables. */
export type DotenvKind = "actions" | "dependabot" | "codespaces" | "variables";

/** The fields that say which container (repository, environment, organization, user) holds an item. */
export type IdentityProperty = "owner" | "repository" | "environment" | "org";

/** A repository named in a selection: a numeric id, or a name (`repo` or `owner/repo`). */
export type RepositoryReference = number | string;

/**
 * Where a secret's value comes from when it must never enter Pulumi (`valueFrom`): read in
 * the provider's process only, at diff and at create/update. See `value-source.ts`.
 */
export type ValueSource =
  | { env: string }
  | { file: string }
  | { command: string[]; timeoutSeconds?: number; passEnvironment?: string[] };

/**
 * What refresh does when GitHub's item was changed elsewhere: take GitHub's side so the next
 * `up` writes the configured value again (`overwrite`), accept the change (`ignore`), or stop
 * with an error (`fail`). See `drift.ts`.
 */
export type DriftPolicy = "overwrite" | "ignore" | "fail";

/**
 * Inputs as the provider sees them after `check`: plain values (the engine strips the
 * secret flag before calling a dynamic provider), names normalised, defaults applied.
 */
export interface ResolvedInputs {
  owner?: string;
  repository?: string;
  environment?: string;
  org?: string;
  /** Secrets only. Upper-case, as GitHub stores it. */
  secretName?: string;
  /** Variables only. Upper-case, as GitHub stores it. */
  variableName?: string;
  value?: string;
  /** A value sealed elsewhere, standard base64; `keyId` names the key it was sealed with. */
  valueEncrypted?: string;
  keyId?: string;
  /** Secrets only: the value is read from here, in the provider's process, and never stored. */
  valueFrom?: ValueSource;
  /** Default `overwrite`. */
  onDrift?: DriftPolicy;
  visibility?: Visibility;
  selectedRepositories?: RepositoryReference[];
}

/** What a resource keeps in state: its inputs plus what GitHub reported for our last write. */
export interface ResolvedOutputs extends ResolvedInputs {
  /** Numeric ids of `selectedRepositories`, resolved at write time (selections only). */
  selectedRepositoryIds?: number[];
  /**
   * With `valueFrom`: a slow, salted hash of the value last written (`fingerprint.ts`), to
   * notice a changed source without storing the value. Kept as a Pulumi secret.
   */
  valueFingerprint?: string;
  /** GitHub's `created_at` for the item. */
  createdAt: string;
  /**
   * GitHub's `updated_at` as of this resource's last write (or as last seen by refresh).
   * A newer value on GitHub means somebody else wrote the item.
   */
  updatedAt: string;
}

/** A GitHub App installation to authenticate as (`github:appAuth` or GITHUB_APP_*). */
export interface AppCredentials {
  /** The App's id (or client id): the JWT's issuer. */
  appId: string;
  installationId: number;
  /**
   * PEM text. Never logged nor in a message. Set as `github:appAuth.pemFile` it is in the state,
   * in the default provider's inputs (encrypted when set with `--secret`), as `github:token` is;
   * from GITHUB_APP_PEM_FILE it is not.
   */
  privateKey: string;
  /** The setting it came from: `github:appAuth`, the plugin's `github-secrets:appAuth`, or `GITHUB_APP_*`. */
  source: string;
}

/** The GitHub connection settings, from stack configuration or the environment. */
export interface ProviderConfiguration {
  /** A token, unless `app` is set. */
  token?: string;
  /** A GitHub App installation; wins over a token from the same source (see configuration.ts). */
  app?: AppCredentials;
  /** Why the credentials cannot be used (incomplete or malformed App settings), said before any API call. */
  credentialProblem?: string;
  baseUrl: string;
  owner?: string;
  /** Pause between two writes, per GitHub's guidance for avoiding secondary rate limits. */
  writeIntervalMs: number;
  /** The most one request may wait for GitHub's rate limits in all, in seconds. */
  maxRateLimitWaitSeconds: number;
}
