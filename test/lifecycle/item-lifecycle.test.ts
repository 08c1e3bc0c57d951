import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import type { ResolvedInputs, ResolvedOutputs } from "../../provider/types";
import { MAX_VALUE_BYTES, SECRET_BEARING_PROPERTIES } from "../../provider/lifecycle/input-rules";
import { configureProvider } from "../support/configure-provider";
import { emulator } from "../support/root-hooks";
import { scopeFixtures, type ScopeFixture } from "../support/scope-fixtures";

/*
 * The provider's methods, called the way the dynamic-provider host calls them, against the
 * GitHub API emulator. One lifecycle, looped over every scope.
 */


/** check, then create, as the engine does: the created resource's id and outputs. */
async function createVia(fixture: ScopeFixture, news: Record<string, unknown>) {
  const checked = await operations.check(fixture.key, {}, news);
  assert.deepEqual(checked.failures, []);
  const created = await operations.create(fixture.key, checked.inputs as ResolvedInputs);
  return { id: created.id, outs: created.outs! };
}

async function updateVia(fixture: ScopeFixture, id: string, olds: ResolvedOutputs, news: Record<string, unknown>) {
  const checked = await operations.check(fixture.key, olds as never, news);
  assert.deepEqual(checked.failures, []);
  const diff = await operations.diff(fixture.key, id, olds, checked.inputs as ResolvedInputs);
  assert.equal(diff.changes, true, "diff should report a change");
  assert.deepEqual(diff.replaces, [], "a value change is an update in place");
  return (await operations.update(fixture.key, id, olds, checked.inputs as ResolvedInputs)).outs!;
}

const stored = (fixture: ScopeFixture, name: string) =>
  fixture.kind === "secret" ? emulator().getSecret(fixture.container, name) : emulator().getVariable(fixture.container, name);

const writes = () => emulator().requests.filter((r) => r.method !== "GET");

describe("provider methods against the GitHub API emulator", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (name: string, value: string) => ({ ...fixture.inputs, [fixture.nameProperty]: name, value });

      it("creates the item with the exact value and GitHub's timestamps, name upper-cased", async () => {
        const value = "s3cr3t ✓ value";
        const { id, outs } = await createVia(fixture, props("db_pass", value));
        const item = stored(fixture, "DB_PASS");
        assert.ok(item, "the emulator holds the item");
        assert.equal(item.name, "DB_PASS");
        assert.equal(item.value, value);
        assert.equal(outs[fixture.nameProperty], "DB_PASS");
        assert.equal(outs.createdAt, item.createdAt);
        assert.equal(outs.updatedAt, item.updatedAt);
        assert.match(id, /\/(secrets|variables)\/DB_PASS$/);
      });

      it("reads back unchanged, updates the value in place, and deletes", async () => {
        const { id, outs } = await createVia(fixture, props("API_KEY", "one"));
        const read = await operations.read(fixture.key, id, outs);
        assert.deepEqual(read.props, outs, "refresh without outside change keeps the state");

        emulator().clearRequests();
        const updated = await updateVia(fixture, id, outs, props("API_KEY", "two"));
        assert.equal(stored(fixture, "API_KEY")!.value, "two");
        assert.equal(writes().length, 1, "one write for one value change");
        assert.ok(Date.parse(updated.updatedAt) > Date.parse(outs.updatedAt));

        await operations.delete(fixture.key, id, updated);
        assert.equal(stored(fixture, "API_KEY"), undefined);
        await operations.delete(fixture.key, id, updated); // 404: already gone counts as done
      });

      it("reports a change made behind Pulumi's back, and the next update restores the value", async () => {
        const { id, outs } = await createVia(fixture, props("TOKEN", "configured"));
        if (fixture.kind === "secret") emulator().putSecretBehindBack(fixture.container, "TOKEN", "tampered");
        else emulator().putVariableBehindBack(fixture.container, "TOKEN", "tampered");

        const read = await operations.read(fixture.key, id, outs);
        assert.ok(read.props, "still exists");
        if (fixture.kind === "secret") assert.equal(read.props.value, undefined, "the unknowable value is dropped");
        else assert.equal(read.props.value, "tampered", "a variable's value is read exactly");
        assert.ok(Date.parse(read.props.updatedAt) > Date.parse(outs.updatedAt));

        const checked = await operations.check(fixture.key, read.props as never, props("TOKEN", "configured"));
        const diff = await operations.diff(fixture.key, id, read.props, checked.inputs as ResolvedInputs);
        assert.equal(diff.changes, true, "the next up sees the drift");
        await operations.update(fixture.key, id, read.props, checked.inputs as ResolvedInputs);
        assert.equal(stored(fixture, "TOKEN")!.value, "configured");
      });

      it("treats an item deleted behind Pulumi's back as gone", async () => {
        const { id, outs } = await createVia(fixture, props("GONE", "x"));
        if (fixture.kind === "secret") emulator().deleteSecretBehindBack(fixture.container, "GONE");
        else emulator().deleteVariableBehindBack(fixture.container, "GONE");
        const read = await operations.read(fixture.key, id, outs);
        assert.equal(read.id, undefined);
        assert.equal(read.props, undefined);
      });

      it("sees no change when only letter case differs, and replaces when the identity changes", async () => {
        const { id, outs } = await createVia(fixture, props("Case_Name", "v"));
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
        const old = await createVia(fixture, props("SHARED", "old"));
        const replacement = await createVia(fixture, props("shared", "new"));
        await operations.delete(fixture.key, old.id, old.outs);
        assert.equal(stored(fixture, "SHARED")?.value, "new");
        assert.equal(replacement.id, old.id);
      });

      it("rejects bad input before any request, naming the property and the rule", async () => {
        const cases: [Record<string, unknown>, string, RegExp][] = [
          [props("1ABC", "v"), fixture.nameProperty, /must not start with a digit/],
          [props("GITHUB_TOKEN", "v"), fixture.nameProperty, /reserved prefix GITHUB_/],
          [props("has-dash", "v"), fixture.nameProperty, /letters, digits and underscores/],
          [props("BIG", "x".repeat(MAX_VALUE_BYTES + 1)), "value", /at most 49152 bytes/],
        ];
        if (fixture.inputs.repository) cases.push([{ ...props("A", "v"), repository: "octo-org/app" }, "repository", /name only/]);
        if (fixture.inputs.org) cases.push([{ ...props("A", "v"), visibility: "public" }, "visibility", /one of "all", "private", "selected"/]);
        if (fixture.kind === "secret") {
          cases.push([{ ...props("A", "v"), valueEncrypted: "AAAA" }, "valueEncrypted", /exactly one of/]);
          cases.push([{ ...fixture.inputs, secretName: "A", valueEncrypted: "not base64!", keyId: "k" }, "valueEncrypted", /base64/]);
          cases.push([{ ...fixture.inputs, secretName: "A", valueEncrypted: Buffer.alloc(60).toString("base64") }, "keyId", /required with `valueEncrypted`/]);
        }
        for (const [news, property, reason] of cases) {
          const { failures } = await operations.check(fixture.key, {}, news);
          const failure = failures!.find((f) => reason.test(f.reason));
          assert.ok(failure, `expected a failure on ${property} for ${JSON.stringify(news).slice(0, 80)}; got ${JSON.stringify(failures)}`);
          if (SECRET_BEARING_PROPERTIES.has(property)) {
            // The engine would print the input of a named property: the reason names it instead.
            assert.equal(failure.property, "", `a failure about \`${property}\` must name no property`);
            assert.ok(failure.reason.includes(`\`${property}\``), `the reason must name \`${property}\`: ${failure.reason}`);
          } else {
            assert.equal(failure.property, property);
          }
        }
        assert.equal(emulator().requests.length, 0, "check never calls GitHub");
      });
    });
  }
});
