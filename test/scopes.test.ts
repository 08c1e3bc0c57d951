import assert from "node:assert/strict";
import { DOTENV_KINDS, dotenvScopeOf, scopeOfArguments, scopes, targetArguments, targetOfArguments } from "../provider/scopes";
import type { ResourceClassName, ScopeKey } from "../provider/types";

/* The registry of kinds: which class serves which scope, chosen by its arguments, and what a .env kind becomes. */

describe("the registry of kinds", () => {
  it("names what a resource's arguments target: the user, an environment, a repository, else an organization", () => {
    assert.equal(targetOfArguments({ user: true, repository: "app" }), "user");
    assert.equal(targetOfArguments({ user: false, repository: "app" }), "repository");
    assert.equal(targetOfArguments({ environment: "prod", repository: "app" }), "environment");
    assert.equal(targetOfArguments({ environment: "prod" }), "environment");
    assert.equal(targetOfArguments({ repository: "app" }), "repository");
    assert.equal(targetOfArguments({ org: "octo-org" }), "organization");
    assert.equal(targetOfArguments({}), "organization");
  });

  it("gives each class the scope its arguments name, else its first (the repository's)", () => {
    const cases: [ResourceClassName, object, ScopeKey][] = [
      ["RepoSecret", { repository: "app" }, "actions-repository-secret"],
      ["RepoSecret", {}, "actions-repository-secret"],
      ["EnvironmentSecret", { repository: "app", environment: "prod" }, "actions-environment-secret"],
      ["EnvironmentSecret", { repository: "app" }, "actions-environment-secret"],
      ["OrgSecret", { org: "octo-org" }, "actions-organization-secret"],
      ["OrgSecret", { repository: "app" }, "actions-organization-secret"],
      ["DependabotSecret", { repository: "app" }, "dependabot-repository-secret"],
      ["DependabotSecret", { org: "octo-org" }, "dependabot-organization-secret"],
      ["DependabotSecret", { repository: "app", environment: "prod" }, "dependabot-repository-secret"],
      ["CodespacesSecret", { repository: "app" }, "codespaces-repository-secret"],
      ["CodespacesSecret", { org: "octo-org" }, "codespaces-organization-secret"],
      ["CodespacesSecret", { user: true }, "codespaces-user-secret"],
      ["CodespacesSecret", { user: false }, "codespaces-organization-secret"],
      ["RepoVariable", { repository: "app" }, "actions-repository-variable"],
      ["EnvironmentVariable", { repository: "app", environment: "prod" }, "actions-environment-variable"],
      ["OrgVariable", {}, "actions-organization-variable"],
    ];
    for (const [resourceClass, args, key] of cases) assert.equal(scopeOfArguments(resourceClass, args).key, key, `${resourceClass} ${JSON.stringify(args)}`);
  });

  it("derives each row's title, identity, name property, selection and path from its app, target and kind", () => {
    const id = { owner: "octo-org", repository: "app", environment: "staging/eu", org: "octo-org" };
    const rows = Object.values(scopes).map((s) => [s.key, s.title, s.identity.join(","), s.nameProperty, s.selection, s.basePath(id)].join(" | "));
    assert.deepEqual(rows, [
      "actions-repository-secret | repository Actions secret | owner,repository | secretName | none | /repos/octo-org/app/actions",
      "actions-environment-secret | environment Actions secret | owner,repository,environment | secretName | none | /repos/octo-org/app/environments/staging%2Feu",
      "actions-organization-secret | organization Actions secret | org | secretName | organization | /orgs/octo-org/actions",
      "dependabot-repository-secret | repository Dependabot secret | owner,repository | secretName | none | /repos/octo-org/app/dependabot",
      "dependabot-organization-secret | organization Dependabot secret | org | secretName | organization | /orgs/octo-org/dependabot",
      "codespaces-repository-secret | repository Codespaces secret | owner,repository | secretName | none | /repos/octo-org/app/codespaces",
      "codespaces-organization-secret | organization Codespaces secret | org | secretName | organization | /orgs/octo-org/codespaces",
      "codespaces-user-secret | user Codespaces secret |  | secretName | user | /user/codespaces",
      "actions-repository-variable | repository Actions variable | owner,repository | variableName | none | /repos/octo-org/app/actions",
      "actions-environment-variable | environment Actions variable | owner,repository,environment | variableName | none | /repos/octo-org/app/environments/staging%2Feu",
      "actions-organization-variable | organization Actions variable | org | variableName | organization | /orgs/octo-org/actions",
    ]);
  });

  it("maps every .env kind and target to one scope, in the registry's order; the user's secrets take none", () => {
    assert.deepEqual(DOTENV_KINDS, ["actions", "dependabot", "codespaces", "variables"]);
    const found = DOTENV_KINDS.flatMap((kind) => (["repository", "environment", "organization", "user"] as const).map((target) => `${kind}/${target}: ${dotenvScopeOf(kind, target)?.key ?? "none"}`));
    assert.deepEqual(found, [
      "actions/repository: actions-repository-secret",
      "actions/environment: actions-environment-secret",
      "actions/organization: actions-organization-secret",
      "actions/user: none",
      "dependabot/repository: dependabot-repository-secret",
      "dependabot/environment: none",
      "dependabot/organization: dependabot-organization-secret",
      "dependabot/user: none",
      "codespaces/repository: codespaces-repository-secret",
      "codespaces/environment: none",
      "codespaces/organization: codespaces-organization-secret",
      "codespaces/user: none",
      "variables/repository: actions-repository-variable",
      "variables/environment: actions-environment-variable",
      "variables/organization: actions-organization-variable",
      "variables/user: none",
    ]);
  });

  it("lists the arguments that say where a target's items go", () => {
    assert.deepEqual(targetArguments("repository"), ["owner", "repository"]);
    assert.deepEqual(targetArguments("environment"), ["owner", "repository", "environment"]);
    assert.deepEqual(targetArguments("organization"), ["org", "visibility", "selectedRepositories"]);
    assert.deepEqual(targetArguments("user"), []);
  });
});
