import assert from "node:assert/strict";
import type { Container } from "../../emulator";
import { importItem } from "../../provider/lifecycle/import";
import { configureProvider } from "../support/configure-provider";
import { deployment } from "../support/deployment";
import { emulator } from "../support/root-hooks";

/*
 * `pulumi import`: what the state records of an item adopted by its id is what GitHub holds,
 * in the inputs the program would give: a variable's value (a secret's cannot be read), an
 * organization item's visibility, and the repositories selected when there is a selection.
 */

const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const ORG: Container = { app: "actions", org: "octo-org" };
const USER: Container = { app: "codespaces", user: true };
const selectionReads = () => emulator().requests.filter((r) => r.method === "GET" && r.path.endsWith("/repositories"));

describe("importing an item by its id", () => {
  beforeEach(() => configureProvider());

  it("records a repository variable with its value and GitHub's timestamps, and nothing it does not have", async () => {
    emulator().putVariableBehindBack(REPO, "REGION", "eu-west-1");
    const remote = emulator().getVariable(REPO, "REGION")!;
    const imported = await importItem(deployment(), "RepoVariable", "/repos/octo-org/app/actions/variables/REGION");
    const inputs = { owner: "octo-org", repository: "app", variableName: "REGION", value: "eu-west-1" };
    assert.deepEqual(imported, {
      id: "/repos/octo-org/app/actions/variables/REGION",
      inputs,
      props: { ...inputs, createdAt: remote.createdAt, updatedAt: remote.updatedAt },
    });
    assert.equal(selectionReads().length, 0);
  });

  it("records a repository secret without a value: GitHub never shows it", async () => {
    emulator().putSecretBehindBack(REPO, "TOKEN", "s3cr3t-value");
    const imported = await importItem(deployment(), "RepoSecret", "/repos/octo-org/app/actions/secrets/TOKEN");
    assert.deepEqual(imported?.inputs, { owner: "octo-org", repository: "app", secretName: "TOKEN" });
  });

  it("records an organization secret's visibility, and no selection when every repository sees it", async () => {
    emulator().putSecretBehindBack(ORG, "ORG_WIDE", "s3cr3t-value", { visibility: "all" });
    const imported = await importItem(deployment(), "OrgSecret", "/orgs/octo-org/actions/secrets/ORG_WIDE");
    assert.deepEqual(imported?.inputs, { org: "octo-org", secretName: "ORG_WIDE", visibility: "all" });
    assert.equal(imported.props.selectedRepositoryIds, undefined);
    assert.equal(selectionReads().length, 0, "no selection to list");
  });

  it("records the repositories selected for an organization secret of selected visibility", async () => {
    emulator().putSecretBehindBack(ORG, "CHOSEN", "s3cr3t-value", { visibility: "selected", selectedRepositoryIds: [1003, 1001] });
    const imported = await importItem(deployment(), "OrgSecret", "/orgs/octo-org/actions/secrets/CHOSEN");
    assert.deepEqual(imported?.inputs, { org: "octo-org", secretName: "CHOSEN", visibility: "selected", selectedRepositories: [1001, 1003] });
    assert.deepEqual(imported.props.selectedRepositoryIds, [1001, 1003]);
  });

  it("records the repositories selected for a user's Codespaces secret", async () => {
    emulator().putSecretBehindBack(USER, "DOTFILES", "s3cr3t-value", { selectedRepositoryIds: [2001] });
    const imported = await importItem(deployment(), "CodespacesSecret", "/user/codespaces/secrets/DOTFILES");
    assert.deepEqual(imported?.inputs, { user: true, secretName: "DOTFILES", selectedRepositories: [2001] });
    assert.deepEqual(imported.props.selectedRepositoryIds, [2001]);
  });

  it("finds nothing when GitHub has no such item", async () => {
    assert.equal(await importItem(deployment(), "RepoSecret", "/repos/octo-org/app/actions/secrets/ABSENT"), undefined);
  });

  it("reports GitHub's refusal as a failure to import, naming the item", async () => {
    emulator().putSecretBehindBack(REPO, "TOKEN", "s3cr3t-value");
    emulator().injectFault({ method: "GET", status: 403 });
    await assert.rejects(importItem(deployment(), "RepoSecret", "/repos/octo-org/app/actions/secrets/TOKEN"), /^GitHubSecretsError: Importing repository Actions secret TOKEN in octo-org\/app/);
  });
});
