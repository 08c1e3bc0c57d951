import assert from "node:assert/strict";
import { Deployment } from "../../provider/deployment/deployment";
import { pluginConfiguration } from "../../provider/plugin/plugin-configuration";
import * as methods from "../../provider/plugin/resource-methods";
import { SECRET_SIGNATURE, SIGNATURE_KEY, secretValue } from "../../provider/plugin/rpc-values";
import { withEnvironment } from "../support/environment";
import { emulator } from "../support/root-hooks";

/*
 * What the plugin adds to the lifecycle: the scope chosen by the type token and `user`, a
 * change of `user` replacing the item, and the preview's word on a secret the state has no
 * value for.
 */

const deployment = () => new Deployment(pluginConfiguration({ token: emulator().token, baseUrl: emulator().url, owner: "octo-org", writeIntervalMs: 0 }, {}));
const CODESPACES = "github-secrets:index:CodespacesSecret";
/** Whether the engine gets `value` as a secret; asserted without showing the value. */
const wrapped = (value: unknown) => typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIGNATURE_KEY] === SECRET_SIGNATURE;

describe("the plugin's resource methods", () => {
  it("refuses a type this provider does not serve, naming the ones it does", async () => {
    await assert.rejects(methods.check(deployment(), "github-secrets:index:Secret", {}, {}), /unknown resource type github-secrets:index:Secret: this provider serves github-secrets:index:RepoSecret, /);
    assert.equal(methods.typeOfUrn("urn:pulumi:dev::proj::my:component$github-secrets:index:OrgSecret::name"), "github-secrets:index:OrgSecret");
  });

  it("takes a type token only whole: this package, its index module and one class", () => {
    assert.equal(methods.resourceClassOf("github-secrets:index:RepoSecret"), "RepoSecret");
    for (const type of ["github:index:RepoSecret", "github-secrets:actions:RepoSecret", "github-secrets:index", "github-secrets:index:RepoSecret:extra", ""]) {
      assert.throws(() => methods.resourceClassOf(type), /^Error: unknown resource type /, JSON.stringify(type));
    }
  });

  it("finds no type in a URN without one, which no class then takes", () => {
    assert.equal(methods.typeOfUrn("urn:pulumi:dev"), "");
  });

  it("checks `user` as a boolean, and lets `user: true` choose the user's scope", async () => {
    const wrong = await methods.check(deployment(), CODESPACES, {}, { user: "yes", secretName: "x", value: "v" });
    assert.deepEqual(wrong.failures.filter((f) => f.property === "user"), [{ property: "user", reason: "`user` must be true or false" }]);
    const mine = await methods.check(deployment(), CODESPACES, {}, { user: true, secretName: "x", value: "v", repository: "app" });
    assert.match(mine.failures.map((f) => f.reason).join("\n"), /a user Codespaces secret has no `repository`/);
    const unset = await methods.check(deployment(), CODESPACES, {}, { user: null, secretName: "x", value: "v", owner: "octo-org", repository: "app" });
    assert.deepEqual(unset.failures, [], "null is an unset `user`");
  });

  it("keeps secret what the program passed as a secret, and a secret's value in every form", async () => {
    const variable = await methods.check(deployment(), "github-secrets:index:RepoVariable", {}, { owner: "octo-org", repository: "app", variableName: "x", value: secretValue("v") });
    assert.ok(wrapped(variable.inputs.value), "a variable passed secret stays secret");
    const plainVariable = await methods.check(deployment(), "github-secrets:index:RepoVariable", {}, { owner: "octo-org", repository: "app", variableName: "x", value: "v" });
    assert.equal(plainVariable.inputs.value, "v", "a variable passed plain stays plain");
    const plainValue = await methods.check(deployment(), "github-secrets:index:RepoSecret", {}, { owner: "octo-org", repository: "app", secretName: "x", value: "v" });
    assert.ok(wrapped(plainValue.inputs.value), "a secret's value");
    const sealed = await methods.check(deployment(), "github-secrets:index:RepoSecret", {}, { owner: "octo-org", repository: "app", secretName: "x", valueEncrypted: "c2VhbGVk", keyId: "k" });
    assert.ok(wrapped(sealed.inputs.valueEncrypted), "a secret's sealed value");
    assert.equal(sealed.inputs.keyId, "k", "a key id is no secret");
    const inputs = { owner: "octo-org", repository: "app", secretName: "X", valueFrom: { env: "PLUGIN_TEST_SECRET" } };
    const created = await withEnvironment({ PLUGIN_TEST_SECRET: "from the environment" }, () => methods.create(deployment(), "github-secrets:index:RepoSecret", inputs));
    assert.ok(wrapped(created.properties.valueFingerprint), "a sourced secret's fingerprint");
  });

  it("keeps a property secret in an update when the state held it as a secret", async () => {
    const type = "github-secrets:index:RepoVariable";
    const created = await methods.create(deployment(), type, { owner: "octo-org", repository: "app", variableName: "X", value: secretValue("old") });
    const updated = await methods.update(deployment(), type, created.id, created.properties, { owner: "octo-org", repository: "app", variableName: "X", value: "new" });
    assert.ok(wrapped(updated.value));
  });

  it("replaces the item when `user` changes, since it names another item", async () => {
    const olds = { org: "octo-org", secretName: "X", value: secretValue("v"), visibility: "private", createdAt: "t", updatedAt: "t" };
    const news = { user: true, secretName: "X", value: secretValue("v") };
    const compared = await methods.diff(deployment(), CODESPACES, "/orgs/octo-org/codespaces/secrets/X", olds, news);
    assert.equal(compared.changes, true);
    assert.deepEqual(compared.replaces, ["user"]);
    assert.equal(compared.deleteBeforeReplace, false);
  });

  it("replaces the item when its name changes, and for that alone", async () => {
    const olds = { owner: "octo-org", repository: "app", secretName: "X", value: secretValue("v"), createdAt: "t", updatedAt: "t" };
    const compared = await methods.diff(deployment(), "github-secrets:index:RepoSecret", "id", olds, { ...olds, secretName: "Y" });
    assert.deepEqual(compared.replaces, ["secretName"]);
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
    for (const recorded of [{ valueEncrypted: secretValue("c2VhbGVk") }, { valueFingerprint: secretValue("fp") }]) {
      const compared = await methods.diff(deployment(), type, "id", { ...imported, ...recorded }, news);
      assert.equal(compared.note, undefined, Object.keys(recorded)[0]);
    }
    const nulls = await methods.diff(deployment(), type, "id", { ...imported, value: null, valueEncrypted: null, valueFingerprint: null }, news);
    assert.match(nulls.note ?? "", /^the state holds no value/, "null is no value");
  });

  it("answers an import of an item GitHub does not have, and a refresh of one deleted, with no id", async () => {
    const nothing = { id: "", properties: {}, inputs: {} };
    assert.deepEqual(await methods.read(deployment(), "github-secrets:index:RepoVariable", "/repos/octo-org/app/actions/variables/ABSENT", {}, undefined), nothing);
    const gone = { owner: "octo-org", repository: "app", variableName: "ABSENT", value: "v", createdAt: "t", updatedAt: "t" };
    assert.deepEqual(await methods.read(deployment(), "github-secrets:index:RepoVariable", "/repos/octo-org/app/actions/variables/ABSENT", gone, gone), nothing);
  });

  it("keeps the program's inputs in a refresh", async () => {
    const type = "github-secrets:index:RepoVariable";
    const inputs = { owner: "octo-org", repository: "app", variableName: "X", value: "v" };
    const created = await methods.create(deployment(), type, inputs);
    const refreshed = await methods.read(deployment(), type, created.id, created.properties, inputs);
    assert.equal(refreshed.id, created.id);
    assert.deepEqual(refreshed.inputs, inputs);
    assert.deepEqual((await methods.read(deployment(), type, created.id, created.properties, undefined)).inputs, {});
  });
});
