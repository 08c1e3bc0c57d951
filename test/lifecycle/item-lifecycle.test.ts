import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import type { ResolvedInputs, ResolvedOutputs } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { createVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";
import { scopeFixtures, storedItem, type ScopeFixture } from "../support/scope-fixtures";
import type { Container } from "../../emulator";

/*
 * One item's lifecycle through the provider's methods, called the way the dynamic-provider
 * host calls them, against the GitHub API emulator, looped over every scope.
 */

/** check, diff (which must see a change, in place) and update, as the engine does: the new outputs. */
async function updateInPlace(fixture: ScopeFixture, id: string, olds: ResolvedOutputs, news: Record<string, unknown>) {
  const checked = await operations.check(fixture.key, olds as never, news);
  assert.deepEqual(checked.failures, []);
  const diff = await operations.diff(fixture.key, id, olds, checked.inputs as ResolvedInputs);
  assert.equal(diff.changes, true, "diff should report a change");
  assert.deepEqual(diff.replaces, [], "a value change is an update in place");
  return (await operations.update(fixture.key, id, olds, checked.inputs as ResolvedInputs)).outs!;
}

const writes = () => emulator().requests.filter((r) => r.method !== "GET");

describe("item lifecycle: create, refresh, update in place and delete, for every scope", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (name: string, value: string) => ({ ...fixture.inputs, [fixture.nameProperty]: name, value });

      it("creates the item with the exact value and GitHub's timestamps, name upper-cased", async () => {
        const value = "s3cr3t ✓ value";
        const { id, outs } = await createVia(fixture.key, props("db_pass", value));
        const item = storedItem(fixture, "DB_PASS");
        assert.ok(item, "the emulator holds the item");
        assert.equal(item.name, "DB_PASS");
        assert.equal(item.value, value);
        assert.equal(outs[fixture.nameProperty], "DB_PASS");
        assert.equal(outs.createdAt, item.createdAt);
        assert.equal(outs.updatedAt, item.updatedAt);
        assert.match(id, /\/(secrets|variables)\/DB_PASS$/);
      });

      it("reads back unchanged, updates the value in place, and deletes", async () => {
        const { id, outs } = await createVia(fixture.key, props("API_KEY", "one"));
        const read = await operations.read(fixture.key, id, outs);
        assert.deepEqual(read.props, outs, "refresh without outside change keeps the state");

        emulator().clearRequests();
        const updated = await updateInPlace(fixture, id, outs, props("API_KEY", "two"));
        assert.equal(storedItem(fixture, "API_KEY")!.value, "two");
        assert.equal(writes().length, 1, "one write for one value change");
        assert.ok(Date.parse(updated.updatedAt) > Date.parse(outs.updatedAt));

        await operations.delete(fixture.key, id, updated);
        assert.equal(storedItem(fixture, "API_KEY"), undefined);
        await operations.delete(fixture.key, id, updated); // 404: already gone counts as done
      });
    });
  }
});

/*
 * Delete, for every scope: an item already gone counts as deleted; another failure is an error.
 */

describe("item lifecycle: delete, when the item is gone or GitHub refuses", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (extra: object = {}) => ({ ...fixture.inputs, [fixture.nameProperty]: "EDGE", value: "v", ...extra });

      it("delete: an item already gone counts as deleted; another failure is an error", async () => {
        const { id, outs } = await createVia(fixture.key, props());
        emulator().injectFault({ method: "DELETE", path: id, status: 409 });
        await assert.rejects(operations.delete(fixture.key, id, outs), /^GitHubSecretsError: Deleting .* EDGE in .* failed/);
        await operations.delete(fixture.key, id, outs);
        await operations.delete(fixture.key, id, outs);
        assert.equal(fixture.kind === "secret" ? emulator().getSecret(fixture.container, "EDGE") : emulator().getVariable(fixture.container, "EDGE"), undefined);
      });
    });
  }
});

/*
 * The engine adds the serialized provider to a resource's inputs and outputs; the provider
 * returns neither with it.
 */

describe("item lifecycle: outputs without the serialized provider", () => {
  beforeEach(() => configureProvider());

  it("keeps the serialized provider out of outputs", async () => {
    const news = { owner: "octo-org", repository: "app", variableName: "P", value: "v", __provider: "serialized provider" };
    const { id, outs } = await createVia("actions-repository-variable", news);
    assert.equal("__provider" in outs, false);
    const read = await operations.read("actions-repository-variable", id, { ...outs, __provider: "serialized provider" } as ResolvedOutputs);
    assert.equal("__provider" in read.props!, false);
  });
});

/*
 * A delete GitHub refuses keeps the state (the item stays); a 404 counts as deleted.
 */

describe("item lifecycle: a refused delete keeps the state", () => {
  // A second of waiting (retry backoff, retry-after) lasts 20 ms here.
  beforeEach(() => configureProvider({}, { secondMs: 20 }));

  const news = { owner: "octo-org", repository: "app", secretName: "X", value: "the-plaintext-value" };
  const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };

  it("keeps the state when a delete fails, and counts 404 as deleted", async () => {
    const { id, outs } = await createVia("actions-repository-secret", news);
    emulator().injectFault({ method: "DELETE", status: 403, times: 1 });
    await assert.rejects(operations.delete("actions-repository-secret", id, outs), /403/);
    assert.equal(emulator().getSecret(REPO, "X")?.value, "the-plaintext-value");
    emulator().deleteSecretBehindBack(REPO, "X");
    await operations.delete("actions-repository-secret", id, outs);
  });
});
