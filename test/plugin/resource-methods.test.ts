import assert from "node:assert/strict";
import { Deployment } from "../../provider/deployment/deployment";
import { pluginConfiguration } from "../../provider/plugin/plugin-configuration";
import * as methods from "../../provider/plugin/resource-methods";
import { secretValue } from "../../provider/plugin/rpc-values";
import { emulator } from "../support/root-hooks";

/*
 * What the plugin adds to the lifecycle: the scope chosen by the type token and `user`, a
 * change of `user` replacing the item, and the preview's word on a secret the state has no
 * value for.
 */

const deployment = () => new Deployment(pluginConfiguration({ token: emulator().token, baseUrl: emulator().url, owner: "octo-org", writeIntervalMs: 0 }, {}));
const CODESPACES = "github-secrets:index:CodespacesSecret";

describe("the plugin's resource methods", () => {
  it("refuses a type this provider does not serve, naming the ones it does", async () => {
    await assert.rejects(methods.check(deployment(), "github-secrets:index:Secret", {}, {}), /unknown resource type github-secrets:index:Secret: this provider serves github-secrets:index:RepoSecret, /);
    assert.equal(methods.typeOfUrn("urn:pulumi:dev::proj::my:component$github-secrets:index:OrgSecret::name"), "github-secrets:index:OrgSecret");
  });

  it("checks `user` as a boolean, and lets `user: true` choose the user's scope", async () => {
    const wrong = await methods.check(deployment(), CODESPACES, {}, { user: "yes", secretName: "x", value: "v" });
    assert.deepEqual(wrong.failures.filter((f) => f.property === "user"), [{ property: "user", reason: "`user` must be true or false" }]);
    const mine = await methods.check(deployment(), CODESPACES, {}, { user: true, secretName: "x", value: "v", repository: "app" });
    assert.match(mine.failures.map((f) => f.reason).join("\n"), /a user Codespaces secret has no `repository`/);
  });

  it("replaces the item when `user` changes, since it names another item", async () => {
    const olds = { org: "octo-org", secretName: "X", value: secretValue("v"), visibility: "private", createdAt: "t", updatedAt: "t" };
    const news = { user: true, secretName: "X", value: secretValue("v") };
    const compared = await methods.diff(deployment(), CODESPACES, "/orgs/octo-org/codespaces/secrets/X", olds, news);
    assert.equal(compared.changes, true);
    assert.ok(compared.replaces.includes("user"));
  });

  it("says why a secret is written when the state holds no value for it, and only then", async () => {
    const imported = { owner: "octo-org", repository: "app", secretName: "X", createdAt: "t", updatedAt: "t" };
    const news = { owner: "octo-org", repository: "app", secretName: "X", value: secretValue("v") };
    const type = "github-secrets:index:RepoSecret";
    const afterImport = await methods.diff(deployment(), type, "id", imported, news);
    assert.match(afterImport.note ?? "", /^the state holds no value for this repository Actions secret: it was imported, or a refresh found it changed outside Pulumi/);
    const written = await methods.diff(deployment(), type, "id", { ...imported, value: secretValue("old") }, news);
    assert.equal(written.changes, true);
    assert.equal(written.note, undefined);
    const variable = await methods.diff(deployment(), "github-secrets:index:RepoVariable", "id", { owner: "octo-org", repository: "app", variableName: "X", createdAt: "t", updatedAt: "t" }, { owner: "octo-org", repository: "app", variableName: "X", value: "v" });
    assert.equal(variable.note, undefined, "a variable's value is always in the state");
  });
});
