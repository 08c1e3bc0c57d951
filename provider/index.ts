export { CodespacesSecret } from "./resources/codespaces-secret";
export type {
  CodespacesOrganizationSecretArgs,
  CodespacesRepositorySecretArgs,
  CodespacesSecretArgs,
  CodespacesUserSecretArgs,
} from "./resources/codespaces-secret";
export type { DriftArgs, OrganizationSelectionArgs, RepositoryArgs, SecretValueArgs, ValueSourceArgs } from "./resources/common-args";
export { DependabotSecret } from "./resources/dependabot-secret";
export type {
  DependabotOrganizationSecretArgs,
  DependabotRepositorySecretArgs,
  DependabotSecretArgs,
} from "./resources/dependabot-secret";
export { EnvironmentSecret, type EnvironmentSecretArgs } from "./resources/environment-secret";
export { EnvironmentVariable, type EnvironmentVariableArgs } from "./resources/environment-variable";
export { OrgSecret, type OrgSecretArgs } from "./resources/org-secret";
export { OrgVariable, type OrgVariableArgs } from "./resources/org-variable";
export { RepoSecret, type RepoSecretArgs } from "./resources/repo-secret";
export { RepoVariable, type RepoVariableArgs } from "./resources/repo-variable";
export { SecretsFromDotenv, type SecretsFromDotenvArgs } from "./resources/secrets-from-dotenv";
export type { DotenvKind } from "./types";
export type { DriftPolicy, RepositoryReference, ValueSource, Visibility } from "./types";
