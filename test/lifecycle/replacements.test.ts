import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import type { ResolvedInputs } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { checkedInputs, createVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";
import { scopeFixtures, storedItem } from "../support/scope-fixtures";
import type { Container } from "../../emulator";

/*
 * What forces a replacement (a change of identity, not of letter case), and what the delete
 * half of a replacement leaves: the item the new resource wrote under the same name stays.
 */

describe("replacements: what forces one, and the item the new resource wrote survives the old one's delete", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (name: string, value: string) => ({ ...fixture.inputs, [fixture.nameProperty]: name, value });

      it("sees no change when only letter case differs, and replaces when the identity changes", async () => {
        const { id, outs } = await createVia(fixture.key, props("Case_Name", "v"));
        emulator().clearRequests();
        const recased = await operations.check(fixture.key, outs as never, { ...props("case_NAME", "v"), ...fixture.recased });
        assert.deepEqual(recased.failures, []);
        const same = await operations.diff(fixture.key, id, outs, recased.inputs as ResolvedInputs);
        assert.equal(same.changes, false);
        const renamed = await operations.diff(fixture.key, id, outs, { ...(recased.inputs as ResolvedInputs), [fixture.nameProperty]: "OTHER" });
        assert.deepEqual(renamed.replaces, [fixture.nameProperty]);
        assert.equal(emulator().requests.length, 0, "diff never calls GitHub");
      });

      it("keeps the item when a replacement writes the same item before deleting the old resource", async () => {
        const old = await createVia(fixture.key, props("SHARED", "old"));
        const replacement = await createVia(fixture.key, props("shared", "new"));
        await operations.delete(fixture.key, old.id, old.outs);
        assert.equal(storedItem(fixture, "SHARED")?.value, "new");
        assert.equal(replacement.id, old.id);
      });
    });
  }
});

/*
 * Each identity input and the name force a replacement, and the new item is written before
 * the old one is deleted (a planted defect once broke this unseen below the end-to-end suite).
 */

describe("replacements: forced by each identity input and the name, creating before deleting", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (value: string, extra: object = {}) => ({ ...fixture.inputs, [fixture.nameProperty]: "PROMISE", value, ...extra });

      it("replaces on a change of each identity input and of the name, creating before deleting", async () => {
        const { id, outs } = await createVia(fixture.key, props("v"));
        const other: Record<string, string> = { owner: "other-org", repository: "api", environment: "production", org: "other-org" };
        const changes = [...Object.keys(fixture.inputs).filter((p) => p in other), fixture.nameProperty];
        assert.ok(changes.length >= 1);
        for (const property of changes) {
          const news = { ...(await checkedInputs(fixture.key, props("v"))), [property]: other[property] ?? "RENAMED" } as ResolvedInputs;
          const diff = await operations.diff(fixture.key, id, outs, news);
          assert.equal(diff.changes, true, `${property}: a change`);
          assert.deepEqual(diff.replaces, [property], `${property}: forces replacement`);
          assert.strictEqual(diff.deleteBeforeReplace, false, `${property}: the new item is written before the old one is deleted`);
        }
        const unchanged = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, props("v")));
        assert.deepEqual([unchanged.changes, unchanged.replaces], [false, []]);
      });
    });
  }
});

/*
 * The write journal spares only the item a replacement wrote: deleting one resource after
 * writing another, under another name, in the same deployment removes it.
 */

describe("replacements: the journal spares only the item the new resource wrote", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: deleting one resource after writing another in the same deployment removes it`, async () => {
      const props = (name: string) => ({ ...fixture.inputs, [fixture.nameProperty]: name, value: "v" });
      const first = await createVia(fixture.key, props("FIRST"));
      await createVia(fixture.key, props("SECOND"));
      await operations.delete(fixture.key, first.id, first.outs);
      const stored = (name: string) => (fixture.kind === "secret" ? emulator().getSecret(fixture.container, name) : emulator().getVariable(fixture.container, name));
      assert.deepEqual([stored("FIRST"), stored("SECOND")?.name], [undefined, "SECOND"]);
    });
  }
});

/*
 * Within one deployment the item another resource wrote under another letter case is kept;
 * in a later deployment a resource's own item is deleted.
 */

describe("replacements: within one deployment, and in the next", () => {
  beforeEach(() => configureProvider());

  const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };

  it("keeps an item another resource wrote under another letter case, and deletes what it wrote itself in a later deployment", async () => {
    const old = await createVia("actions-repository-variable", { owner: "octo-org", repository: "app", variableName: "SHARED", value: "old" });
    await createVia("actions-repository-variable", { owner: "Octo-Org", repository: "APP", variableName: "shared", value: "new" });
    await operations.delete("actions-repository-variable", old.id, old.outs);
    assert.equal(emulator().getVariable(REPO, "SHARED")?.value, "new");

    await configureProvider(); // the next deployment
    const mine = await createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "MINE", value: "v" });
    await configureProvider(); // the next deployment: it wrote nothing yet
    await operations.delete("actions-repository-secret", mine.id, mine.outs);
    assert.equal(emulator().getSecret(REPO, "MINE"), undefined);
  });
});
