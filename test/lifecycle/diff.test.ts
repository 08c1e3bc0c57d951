import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import { sealForGitHub } from "../../provider/values/sealing";
import type { ResolvedInputs, ResolvedOutputs } from "../../provider/types";
import { MAX_VALUE_BYTES } from "../../provider/lifecycle/input-rules";
import { configureProvider } from "../support/configure-provider";
import { checkedInputs, createVia, updateVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";
import { scopeFixtures, type ScopeFixture } from "../support/scope-fixtures";

/*
 * Promises that a planted defect once broke without any test below the end-to-end suite
 * noticing: replacement order, what diff sees, exact comparison of variables, the 48 KB
 * boundary for `value` and `valueEncrypted`, and identity changes forcing replacement.
 */

const stored = (fixture: ScopeFixture, name: string) =>
  fixture.kind === "secret" ? emulator().getSecret(fixture.container, name) : emulator().getVariable(fixture.container, name);

/** The failure about `property`: named by it, or (secret-bearing inputs) naming none, with the property in the reason. */
function failureAbout(failures: readonly { property: string; reason: string }[] | undefined, property: string) {
  return (failures ?? []).find((f) => f.property === property || (f.property === "" && f.reason.includes(`\`${property}\``)));
}

const organizationScopes = scopeFixtures.filter((f) => f.inputs.org !== undefined);
const variableScopes = scopeFixtures.filter((f) => f.kind === "variable");
const secretScopes = scopeFixtures.filter((f) => f.kind === "secret");

describe("promises the provider keeps (each test fails when its promise breaks)", () => {
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

      it("accepts a value of exactly 48 KB, stores it exactly, and rejects one byte more (bytes, not characters)", async () => {
        const exact = "é".repeat(MAX_VALUE_BYTES / 2 - 1) + "ab";
        assert.equal(Buffer.byteLength(exact), MAX_VALUE_BYTES);
        await createVia(fixture.key, props(exact));
        assert.equal(stored(fixture, "PROMISE")?.value, exact);
        for (const over of ["x".repeat(MAX_VALUE_BYTES + 1), "é".repeat(MAX_VALUE_BYTES / 2) + "a"]) {
          const { failures } = await operations.check(fixture.key, {}, props(over));
          assert.match(failureAbout(failures, "value")?.reason ?? "", /`value` is 49153 bytes; GitHub allows at most 49152 bytes \(48 KB\)/);
        }
        const { failures } = await operations.check(fixture.key, {}, props(42 as never));
        assert.match(failureAbout(failures, "value")?.reason ?? "", /`value` must be a string, got number/);
      });
    });
  }

  for (const fixture of secretScopes) {
    describe(`${fixture.key}: valueEncrypted`, () => {
      const sealed = (plaintext: string | Buffer) => sealForGitHub(plaintext.toString(), emulator().publicKey(fixture.container).key);
      const props = (valueEncrypted: string, keyId = emulator().publicKey(fixture.container).keyId) => ({
        ...fixture.inputs,
        secretName: "PRESEALED",
        valueEncrypted,
        keyId,
      });

      it("accepts a sealed value of exactly 48 KB and of nothing, and rejects one byte more or a box too short", async () => {
        const exact = "x".repeat(MAX_VALUE_BYTES);
        await createVia(fixture.key, props(sealed(exact)));
        assert.equal(stored(fixture, "PRESEALED")?.value, exact);
        assert.deepEqual((await operations.check(fixture.key, {}, props(sealed("")))).failures, []);

        const over = await operations.check(fixture.key, {}, props(sealed("x".repeat(MAX_VALUE_BYTES + 1))));
        assert.match(failureAbout(over.failures, "valueEncrypted")?.reason ?? "", /holds 49153 bytes; GitHub allows at most 49152/);
        const short = await operations.check(fixture.key, {}, props(Buffer.alloc(47).toString("base64")));
        assert.match(failureAbout(short.failures, "valueEncrypted")?.reason ?? "", /is 47 bytes; a sealed box is at least 48 bytes/);
        const urlSafe = await operations.check(fixture.key, {}, props("ab-_".repeat(20)));
        assert.match(failureAbout(urlSafe.failures, "valueEncrypted")?.reason ?? "", /standard base64 \(not URL-safe\)/);
      });

      it("sees a new sealed value or key id as a change, and writes it", async () => {
        const { id, outs } = await createVia(fixture.key, props(sealed("first")));
        const sameInputs = await checkedInputs(fixture.key, props(outs.valueEncrypted!));
        assert.equal((await operations.diff(fixture.key, id, outs, sameInputs)).changes, false);
        const keyChanged = await operations.diff(fixture.key, id, outs, { ...sameInputs, keyId: "another-key" });
        assert.deepEqual([keyChanged.changes, keyChanged.replaces], [true, []]);
        await updateVia(fixture.key, id, outs, props(sealed("second")));
        assert.equal(stored(fixture, "PRESEALED")?.value, "second");
      });

      it("rejects a keyId that is missing, not a string, or given with a plaintext value", async () => {
        const missing = await operations.check(fixture.key, {}, { ...props(sealed("v")), keyId: "" });
        assert.match(failureAbout(missing.failures, "keyId")?.reason ?? "", /`keyId` is required with `valueEncrypted`/);
        const number = await operations.check(fixture.key, {}, { ...props(sealed("v")), keyId: 7 });
        assert.match(failureAbout(number.failures, "keyId")?.reason ?? "", /`keyId` must be a string/);
        const withPlain = await operations.check(fixture.key, {}, { ...fixture.inputs, secretName: "P", value: "v", keyId: "k" });
        assert.match(failureAbout(withPlain.failures, "keyId")?.reason ?? "", /`keyId` goes with `valueEncrypted` only/);
        const neither = await operations.check(fixture.key, {}, { ...fixture.inputs, secretName: "P" });
        assert.match(failureAbout(neither.failures, "value")?.reason ?? "", /exactly one of `value`.*`valueEncrypted`/);
      });
    });
  }

  for (const fixture of organizationScopes) {
    describe(`${fixture.key}: visibility`, () => {
      const props = (visibility: string) => ({ org: "octo-org", [fixture.nameProperty]: "SEEN", value: "same", visibility });

      it("sees a change of visibility alone, and writes it without touching the value", async () => {
        const { id, outs } = await createVia(fixture.key, props("private"));
        const diff = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, props("all")));
        assert.deepEqual([diff.changes, diff.replaces], [true, []], "a visibility-only change is an update");
        await updateVia(fixture.key, id, outs, props("all"));
        assert.equal(stored(fixture, "SEEN")?.visibility, "all");
        assert.equal(stored(fixture, "SEEN")?.value, "same");
      });
    });
  }

  for (const fixture of scopeFixtures.filter((f) => f.inputs.org !== undefined || f.key === "codespaces-user-secret")) {
    describe(`${fixture.key}: repository selection in diff`, () => {
      const props = (selectedRepositories: unknown) => ({
        ...fixture.inputs,
        ...(fixture.inputs.org ? { visibility: "selected" } : {}),
        [fixture.nameProperty]: "PICKED",
        value: "v",
        selectedRepositories,
      });

      it("sees no change in order or letter case, and a change from no list to an empty one", async () => {
        const { id, outs } = await createVia(fixture.key, props(["octo-org/app", "octo-org/API", 1003]));
        for (const same of [[1003, "octo-org/api", "OCTO-ORG/APP"], ["octo-org/API", "Octo-Org/app", 1003]]) {
          const diff = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, props(same)));
          assert.equal(diff.changes, false, JSON.stringify(same));
        }
        const fewer = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, props(["octo-org/app", 1003])));
        assert.deepEqual([fewer.changes, fewer.replaces], [true, []]);
        const unmanaged = { ...outs, selectedRepositories: undefined };
        const empty = await operations.diff(fixture.key, id, unmanaged, await checkedInputs(fixture.key, props([])));
        assert.equal(empty.changes, true, "no list (unmanaged) and an empty list differ");
      });
    });
  }

  for (const fixture of variableScopes) {
    describe(`${fixture.key}: exact values`, () => {
      const props = (value: string) => ({ ...fixture.inputs, variableName: "EXACT", value });

      it("compares a variable's value exactly: spaces and letter case are changes, in diff and after refresh", async () => {
        const { id, outs } = await createVia(fixture.key, props("Mixed Case"));
        for (const changed of ["Mixed Case ", " Mixed Case", "mixed case", "MIXED CASE"]) {
          const diff = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, props(changed)));
          assert.equal(diff.changes, true, JSON.stringify(changed));
        }
        let read: Awaited<ReturnType<typeof operations.read>> = {};
        for (const tampered of ["mixed case", "Mixed Case "]) {
          emulator().putVariableBehindBack(fixture.container, "EXACT", tampered);
          read = await operations.read(fixture.key, id, outs);
          assert.equal(read.props?.value, tampered, "refresh reads the value exactly");
        }
        await updateVia(fixture.key, id, read.props as ResolvedOutputs, props("Mixed Case"));
        assert.equal(stored(fixture, "EXACT")?.value, "Mixed Case");
      });
    });
  }
});
