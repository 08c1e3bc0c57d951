import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import type { Container, RecordedRequest } from "../../emulator";
import { configureProvider } from "../support/configure-provider";
import { checkedInputs, createVia, updateVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";
import { scopeFixtures, storedItem, type ScopeFixture } from "../support/scope-fixtures";

/*
 * Which requests a create or an update sends, for every scope, and what it returns: the
 * no-op update sends nothing and keeps what the last write recorded; a value change is one
 * full write carrying visibility and selection where the scope has them; a selection change
 * alone replaces only the list of repositories; a variable that exists already is adopted,
 * one deleted behind our back is created again, and any other refusal is an error.
 */

const writes = (): RecordedRequest[] => emulator().requests.filter((r) => r.method !== "GET");
const sent = (requests: readonly RecordedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);

/** The selection inputs a scope takes (none for repository and environment scopes). */
function selectionOf(fixture: ScopeFixture, repositories = ["app"]): Record<string, unknown> {
  if (fixture.key === "codespaces-user-secret") return { selectedRepositories: repositories.map((r) => (r === "app" ? "octocat/dotfiles" : `octo-org/${r}`)) };
  if (fixture.inputs.org) return { visibility: "selected", selectedRepositories: repositories };
  return {};
}

const hasSelection = (fixture: ScopeFixture) => fixture.key === "codespaces-user-secret" || fixture.inputs.org !== undefined;

describe("write: the requests of a create or an update, for every scope", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (extra: object = {}) => ({ ...fixture.inputs, [fixture.nameProperty]: "PATHS", value: "value-one", ...selectionOf(fixture), ...extra });

      it("create records no fingerprint for a plain value, and selection ids only where there is a selection", async () => {
        const { outs } = await createVia(fixture.key, props());
        assert.ok(!Object.hasOwn(outs, "valueFingerprint"), "a plain value has no fingerprint");
        assert.equal(Object.hasOwn(outs, "selectedRepositoryIds"), hasSelection(fixture));
        if (hasSelection(fixture)) assert.deepEqual(outs.selectedRepositoryIds, storedItem(fixture, "PATHS")!.selectedRepositoryIds);
        assert.equal(storedItem(fixture, "PATHS")!.value, "value-one");
      });

      it("an update of onDrift alone sends nothing and returns exactly what the last write recorded", async () => {
        const { id, outs } = await createVia(fixture.key, props());
        emulator().clearRequests();
        const news = await checkedInputs(fixture.key, props({ onDrift: "ignore" }), outs);
        const updated = (await operations.update(fixture.key, id, outs, news)).outs!;
        assert.deepEqual(emulator().requests, []);
        assert.deepEqual([updated.onDrift, updated.createdAt, updated.updatedAt], ["ignore", outs.createdAt, outs.updatedAt], "GitHub's timestamps kept");
        assert.equal(updated.value, "value-one");
        assert.deepStrictEqual(updated, { ...outs, onDrift: "ignore" });
      });

      it("a value change is one full write: visibility only for organization scopes, repository ids only with a selection", async () => {
        const { id, outs } = await createVia(fixture.key, props());
        emulator().clearRequests();
        const updated = await updateVia(fixture.key, id, outs, props({ value: "value-two" }));
        assert.equal(storedItem(fixture, "PATHS")!.value, "value-two");
        const [write, ...more] = writes();
        assert.deepEqual(more, [], "one write");
        assert.equal(write!.path, id);
        const body = write!.body as Record<string, unknown>;
        assert.equal(Object.hasOwn(body, "visibility"), fixture.inputs.org !== undefined);
        if (fixture.inputs.org) assert.equal(body.visibility, "selected");
        assert.equal(Object.hasOwn(body, "selected_repository_ids"), hasSelection(fixture));
        if (hasSelection(fixture)) assert.deepEqual(body.selected_repository_ids, outs.selectedRepositoryIds);
        assert.equal(updated.createdAt, outs.createdAt, "createdAt comes from the create");
        assert.equal(updated.updatedAt, storedItem(fixture, "PATHS")!.updatedAt);
        assert.ok(!Object.hasOwn(updated, "valueFingerprint"));
      });

      if (hasSelection(fixture)) {
        it("a change of the selection alone sends only PUT …/repositories", async () => {
          const { id, outs } = await createVia(fixture.key, props());
          const before = storedItem(fixture, "PATHS")!;
          emulator().clearRequests();
          const updated = await updateVia(fixture.key, id, outs, props(selectionOf(fixture, ["app", "api"])));
          assert.deepEqual(sent(writes()), [`PUT ${id}/repositories`]);
          const after = storedItem(fixture, "PATHS")!;
          assert.equal(after.selectedRepositoryIds!.length, 2);
          assert.deepEqual(updated.selectedRepositoryIds, after.selectedRepositoryIds);
          assert.deepEqual([after.value, after.createdAt], [before.value, before.createdAt]);
          assert.equal(updated.createdAt, outs.createdAt);
        });
      }

      if (fixture.inputs.org) {
        it("a change of visibility writes the item in full with the new visibility", async () => {
          const { id, outs } = await createVia(fixture.key, props());
          emulator().clearRequests();
          const updated = await updateVia(fixture.key, id, outs, props({ visibility: "private", selectedRepositories: undefined }));
          assert.deepEqual(sent(writes()), [`${fixture.kind === "secret" ? "PUT" : "PATCH"} ${id}`]);
          assert.ok(!Object.hasOwn(writes()[0]!.body as object, "selected_repository_ids"));
          assert.equal(storedItem(fixture, "PATHS")!.visibility, "private");
          assert.ok(!Object.hasOwn(updated, "selectedRepositoryIds"));
        });
      }
    });
  }

  it("codespaces-user-secret: dropping the selection is a full write, not an empty PUT …/repositories", async () => {
    const fixture = scopeFixtures.find((f) => f.key === "codespaces-user-secret")!;
    const props = (extra: object = {}) => ({ secretName: "MINE", value: "kept", ...extra });
    const { id, outs } = await createVia(fixture.key, props({ selectedRepositories: ["octocat/dotfiles"] }));
    emulator().clearRequests();
    const updated = await updateVia(fixture.key, id, outs, props());
    assert.deepEqual(sent(writes()), [`PUT ${id}`]);
    assert.ok(!Object.hasOwn(updated, "selectedRepositoryIds"));
    assert.equal(emulator().getSecret(fixture.container, "MINE")!.value, "kept");
  });

  // check lets `selectedRepositories: null` through as absent; the write must too (it once handed null to resolveRepositoryIds).
  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: \`selectedRepositories: null\` where no selection applies is written without one`, async () => {
      // fixture.inputs of an organization scope have visibility "private": no selection applies.
      const { outs } = await createVia(fixture.key, { ...fixture.inputs, [fixture.nameProperty]: "UNSELECTED", value: "v", selectedRepositories: null });
      const [write, ...more] = writes();
      assert.deepEqual(more, [], "one write");
      assert.ok(!Object.hasOwn(write!.body as object, "selected_repository_ids"));
      assert.ok(!Object.hasOwn(outs, "selectedRepositoryIds"));
      assert.equal(storedItem(fixture, "UNSELECTED")!.value, "v");
    });
  }

  for (const fixture of scopeFixtures.filter((f) => f.kind === "variable")) {
    describe(`${fixture.key}: POST to create, PATCH to update, each falling back to the other`, () => {
      const props = (value: string) => ({ ...fixture.inputs, variableName: "FALLBACK", value });
      const variablesPath = (id: string) => id.slice(0, id.lastIndexOf("/"));

      it("create sends one POST, and reads nothing back", async () => {
        const { id, outs } = await createVia(fixture.key, props("one"));
        assert.deepEqual(sent(emulator().requests), [`POST ${variablesPath(id)}`]);
        const item = emulator().getVariable(fixture.container, "FALLBACK")!;
        assert.deepEqual([outs.createdAt, outs.updatedAt, item.value], [item.createdAt, item.updatedAt, "one"]);
      });

      it("create adopts a variable that exists already (409) with PATCH; its createdAt is read back", async () => {
        emulator().putVariableBehindBack(fixture.container, "FALLBACK", "by hand");
        const before = emulator().getVariable(fixture.container, "FALLBACK")!;
        const { id, outs } = await createVia(fixture.key, props("ours"));
        assert.deepEqual(sent(emulator().requests), [`POST ${variablesPath(id)}`, `PATCH ${id}`, `GET ${id}`]);
        const item = emulator().getVariable(fixture.container, "FALLBACK")!;
        assert.equal(item.value, "ours");
        assert.deepEqual([outs.createdAt, outs.updatedAt], [before.createdAt, item.updatedAt]);
      });

      it("create fails on another refusal of the POST, without trying PATCH", async () => {
        emulator().injectFault({ method: "POST", status: 403 });
        await assert.rejects(createVia(fixture.key, props("refused")), /^GitHubSecretsError: Creating .*FALLBACK.* failed: the token may not manage this/);
        assert.deepEqual(writes().map((r) => r.method), ["POST"]);
        assert.equal(emulator().getVariable(fixture.container, "FALLBACK"), undefined);
      });

      it("update creates again (POST) a variable deleted behind our back (404)", async () => {
        const { id, outs } = await createVia(fixture.key, props("one"));
        emulator().deleteVariableBehindBack(fixture.container, "FALLBACK");
        emulator().clearRequests();
        const updated = await updateVia(fixture.key, id, outs, props("two"));
        assert.deepEqual(sent(emulator().requests), [`PATCH ${id}`, `POST ${variablesPath(id)}`]);
        const item = emulator().getVariable(fixture.container, "FALLBACK")!;
        assert.equal(item.value, "two");
        assert.deepEqual([updated.createdAt, updated.updatedAt], [item.createdAt, item.updatedAt], "created anew: its own createdAt, no read-back");
      });

      it("update fails on another refusal of the PATCH, without trying POST", async () => {
        const { id, outs } = await createVia(fixture.key, props("one"));
        emulator().clearRequests();
        emulator().injectFault({ method: "PATCH", status: 403 });
        await assert.rejects(updateVia(fixture.key, id, outs, props("two")), /^GitHubSecretsError: Updating .*FALLBACK.* failed: the token may not manage this/);
        assert.deepEqual(writes().map((r) => r.method), ["PATCH"]);
        assert.equal(emulator().getVariable(fixture.container, "FALLBACK")!.value, "one");
      });
    });
  }
});

describe("write: an input the engine passes as null counts as absent", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures.filter((f) => f.kind === "secret")) {
    it(`${fixture.key}: a value beside \`valueEncrypted: null\` and \`keyId: null\` is sealed and written`, async () => {
      await createVia(fixture.key, { ...fixture.inputs, secretName: "NULL_SEALED", value: "the-value", valueEncrypted: null, keyId: null });
      assert.equal(storedItem(fixture, "NULL_SEALED")!.value, "the-value");
    });
  }
});

/*
 * A selection changed alone is written alone, without the value; visibility and selection
 * changed together are one write, and leaving `selected` drops the selection.
 */

describe("write: a selection changed alone, or with the visibility", () => {
  beforeEach(() => configureProvider());

  const ORG: Container = { app: "actions", org: "octo-org" };
  const USER: Container = { app: "codespaces", user: true };
  const requests = (method: string, path: string | RegExp) =>
    emulator().requests.filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)));

  it("changes only a user secret's selection without sending the value, and notices one changed behind its back", async () => {
    const news = { secretName: "MINE", value: "kept", selectedRepositories: ["dotfiles"] };
    const { id, outs } = await createVia("codespaces-user-secret", news);
    emulator().clearRequests();
    const updated = await updateVia("codespaces-user-secret", id, outs, { ...news, selectedRepositories: ["dotfiles", "octo-org/api"] });
    assert.equal(requests("PUT", "/user/codespaces/secrets/MINE").length, 0, "the value was not sent again");
    assert.deepEqual(emulator().getSecret(USER, "MINE")?.selectedRepositoryIds, [1002, 2001]);
    assert.equal(emulator().getSecret(USER, "MINE")?.value, "kept");
    const unchanged = await operations.read("codespaces-user-secret", id, updated);
    assert.deepEqual(unchanged.props, updated);
    emulator().putSecretBehindBack(USER, "MINE", undefined, { selectedRepositoryIds: [2001] });
    const read = await operations.read("codespaces-user-secret", id, updated);
    assert.deepEqual([read.props?.selectedRepositoryIds, read.props?.selectedRepositories], [[2001], [2001]]);
  });

  it("writes visibility and selection together when both change, and drops the selection when leaving `selected`", async () => {
    const { id, outs } = await createVia("actions-organization-variable", { org: "octo-org", variableName: "V", value: "x", visibility: "all" });
    const selected = await updateVia("actions-organization-variable", id, outs, { org: "octo-org", variableName: "V", value: "x", visibility: "selected", selectedRepositories: ["api"] });
    assert.deepEqual([emulator().getVariable(ORG, "V")?.visibility, emulator().getVariable(ORG, "V")?.selectedRepositoryIds], ["selected", [1002]]);
    const priv = await updateVia("actions-organization-variable", id, selected, { org: "octo-org", variableName: "V", value: "x", visibility: "private" });
    assert.equal(emulator().getVariable(ORG, "V")?.visibility, "private");
    assert.equal(priv.selectedRepositoryIds, undefined);
    const put = emulator().requests.filter((r) => r.method === "PATCH").at(-1)!;
    assert.deepEqual(put.body, { name: "V", value: "x", visibility: "private" });
  });
});

/*
 * An environment's name goes into the path encoded exactly once, whatever it holds; an
 * environment that does not exist is named in the failure.
 */

describe("write: an environment's name, encoded once in the path", () => {
  beforeEach(() => configureProvider());

  const routes = (method: string, suffix: string) =>
    emulator().requests.filter((r) => r.method === method && r.route?.endsWith(suffix));

  for (const environment of ["staging/eu", "préprod ü", "production"]) {
    it(`encodes the environment "${environment}" exactly once in the path`, async () => {
      const { id } = await createVia("actions-environment-secret", {
        owner: "octo-org",
        repository: "app",
        environment,
        secretName: "ENV_SECRET",
        value: environment,
      });
      const encoded = encodeURIComponent(environment);
      assert.equal(id, `/repos/octo-org/app/environments/${encoded}/secrets/ENV_SECRET`);
      const put = routes("PUT", "/secrets/{secret_name}")[0]!;
      assert.equal(put.path, `/repos/octo-org/app/environments/${encoded}/secrets/ENV_SECRET`);
      assert.equal(put.params.environment_name, environment);
      assert.equal(emulator().getSecret({ app: "actions", owner: "octo-org", repo: "app", environment }, "ENV_SECRET")?.value, environment);
    });
  }

  it("reports an unknown environment as not found, naming it", async () => {
    await assert.rejects(
      createVia("actions-environment-secret", { owner: "octo-org", repository: "app", environment: "nope", secretName: "X", value: "v" }),
      /X in octo-org\/app environment "nope" failed: not found \(404\)/,
    );
  });
});

/*
 * An organization secret's selection changed alone is written without the value (and GitHub's
 * new updated_at for it is no drift); its value changed alone keeps visibility and selection.
 */

describe("write: an organization secret's selection or value, changed alone", () => {
  beforeEach(() => configureProvider());

  const ORG: Container = { app: "actions", org: "octo-org" };
  const base = { org: "octo-org", secretName: "SHARED", value: "v1", visibility: "selected" };
  const routes = (method: string, suffix: string) =>
    emulator().requests.filter((r) => r.method === method && r.route?.endsWith(suffix));

  it("changes only the selection without sending the value, and that change is not drift", async () => {
    const { id, outs } = await createVia("actions-organization-secret", { ...base, selectedRepositories: ["app"] });
    emulator().clearRequests();
    const updated = await updateVia("actions-organization-secret", id, outs, { ...base, selectedRepositories: ["app", "api"] });
    assert.equal(routes("PUT", "/secrets/{secret_name}").length, 0, "the value was not sent again");
    assert.equal(routes("PUT", "/repositories").length, 1);
    assert.deepEqual(emulator().getSecret(ORG, "SHARED")!.selectedRepositoryIds, [1001, 1002]);
    assert.equal(emulator().getSecret(ORG, "SHARED")!.value, "v1");

    const read = await operations.read("actions-organization-secret", id, updated);
    assert.equal(read.props?.value, "v1", "GitHub bumped updated_at for our own selection change: not drift");
    const diff = await operations.diff("actions-organization-secret", id, read.props!, await checkedInputs("actions-organization-secret", { ...base, selectedRepositories: ["app", "api"] }));
    assert.equal(diff.changes, false);
  });

  it("changes only the value and keeps visibility and selection", async () => {
    const { id, outs } = await createVia("actions-organization-secret", { ...base, selectedRepositories: ["app", "web"] });
    emulator().clearRequests();
    await updateVia("actions-organization-secret", id, outs, { ...base, value: "v2", selectedRepositories: ["app", "web"] });
    const put = routes("PUT", "/secrets/{secret_name}")[0]!;
    assert.equal((put.body as { visibility: string }).visibility, "selected");
    const stored = emulator().getSecret(ORG, "SHARED")!;
    assert.equal(stored.value, "v2");
    assert.deepEqual(stored.selectedRepositoryIds, [1001, 1003]);
  });
});

/*
 * A variable that exists already is adopted, one deleted since the last refresh is created
 * again, and an organization variable's value changes without touching its selection.
 */

describe("write: variables adopted, created again, changed without their selection", () => {
  beforeEach(() => configureProvider());

  const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
  const ORG: Container = { app: "actions", org: "octo-org" };

  it("adopts a variable that already exists, and recreates one deleted since the last refresh", async () => {
    emulator().putVariableBehindBack(REPO, "EXISTING", "made by hand");
    const { id, outs } = await createVia("actions-repository-variable", { owner: "octo-org", repository: "app", variableName: "EXISTING", value: "managed" });
    assert.equal(emulator().getVariable(REPO, "EXISTING")?.value, "managed");
    emulator().deleteVariableBehindBack(REPO, "EXISTING");
    await updateVia("actions-repository-variable", id, outs, { owner: "octo-org", repository: "app", variableName: "EXISTING", value: "again" });
    assert.equal(emulator().getVariable(REPO, "EXISTING")?.value, "again");
  });

  it("changes an organization variable's value without touching its selection", async () => {
    const news = { org: "octo-org", variableName: "TEAM", value: "a", selectedRepositories: ["app"] };
    const { id, outs } = await createVia("actions-organization-variable", news);
    emulator().clearRequests();
    await updateVia("actions-organization-variable", id, outs, { ...news, value: "b" });
    const stored = emulator().getVariable(ORG, "TEAM")!;
    assert.equal(stored.value, "b");
    assert.deepEqual(stored.selectedRepositoryIds, [1001]);
  });
});
