import * as pulumi from "@pulumi/pulumi";
import {
  CodespacesSecret,
  DependabotSecret,
  EnvironmentSecret,
  EnvironmentVariable,
  OrgSecret,
  OrgVariable,
  RepoSecret,
  RepoVariable,
} from "pulumi-github-secrets";

/*
 * Every kind of secret and variable, for one repository and its organization. The GitHub
 * connection comes from `github:token`, `github:owner` and `github:baseUrl` (or GITHUB_TOKEN,
 * GITHUB_OWNER, GITHUB_API_URL). `npm run example` runs this against the built-in GitHub API
 * emulator unless a real token is configured.
 */
const config = new pulumi.Config();
const repository = config.get("repository") ?? "app";
const environment = config.get("environment") ?? "staging/eu";
/** Organization- and user-level items need an organization and the matching token scopes. */
const includeOrganization = config.getBoolean("includeOrganization") ?? true;
const includeUser = config.getBoolean("includeUser") ?? true;

const databasePassword = config.requireSecret("databasePassword");
const deployKey = config.requireSecret("deployKey");
const registryToken = config.requireSecret("registryToken");

const items: Record<string, pulumi.Resource> = {
  databasePassword: new RepoSecret("database-password", { repository, secretName: "DATABASE_PASSWORD", value: databasePassword }),
  deployKey: new EnvironmentSecret("deploy-key", { repository, environment, secretName: "DEPLOY_KEY", value: deployKey }),
  dependabotRegistry: new DependabotSecret("dependabot-registry", { repository, secretName: "REGISTRY_TOKEN", value: registryToken }),
  codespacesRegistry: new CodespacesSecret("codespaces-registry", { repository, secretName: "REGISTRY_TOKEN", value: registryToken }),
  logLevel: new RepoVariable("log-level", { repository, variableName: "LOG_LEVEL", value: config.get("logLevel") ?? "info" }),
  region: new EnvironmentVariable("region", { repository, environment, variableName: "REGION", value: config.get("region") ?? "eu-west-1" }),
};

if (includeOrganization) {
  items.orgRegistry = new OrgSecret("org-registry", {
    secretName: "ORG_REGISTRY_TOKEN",
    value: registryToken,
    visibility: "selected",
    selectedRepositories: [repository],
  });
  items.orgDependabotRegistry = new DependabotSecret("org-dependabot-registry", {
    secretName: "ORG_REGISTRY_TOKEN",
    value: registryToken,
    visibility: "private",
  });
  items.orgCodespacesRegistry = new CodespacesSecret("org-codespaces-registry", {
    secretName: "ORG_REGISTRY_TOKEN",
    value: registryToken,
    visibility: "all",
  });
  items.orgTeam = new OrgVariable("org-team", { variableName: "PLATFORM_TEAM", value: "platform", visibility: "all" });
}
if (includeUser) {
  items.dotfilesToken = new CodespacesSecret("dotfiles-token", { user: true, secretName: "DOTFILES_TOKEN", value: deployKey });
}

/** What was written where: names and GitHub's timestamps, never values. */
export const written = Object.fromEntries(
  Object.entries(items).map(([key, resource]) => [
    key,
    pulumi
      .output(resource as unknown as { id: pulumi.Output<string>; updatedAt: pulumi.Output<string> })
      .apply((r) => ({ id: r.id, updatedAt: r.updatedAt })),
  ]),
);
