import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import { sealForGitHub } from "../../provider/values/sealing";
import type { ResolvedInputs, ResolvedOutputs } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { checkedInputs, createVia, updateVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";
import { presealedInputs, scopeFixtures, sealedFor, type ScopeFixture } from "../support/scope-fixtures";

/*
 * What diff counts as a change, for the scopes each input applies to, and what the update
 * then writes: a new sealed value or key id, a visibility alone, a selection (neither its
 * order nor letter case), a variable's value compared exactly (a planted defect once broke
 * each of these unseen below the end-to-end suite).
 */

const stored = (fixture: ScopeFixture, name: string) =>
  fixture.kind === "secret" ? emulator().getSecret(fixture.container, name) : emulator().getVariable(fixture.container, name);

const organizationScopes = scopeFixtures.filter((f) => f.inputs.org !== undefined);
const variableScopes = scopeFixtures.filter((f) => f.kind === "variable");
const secretScopes = scopeFixtures.filter((f) => f.kind === "secret");

describe("diff: what counts as a change, and what the update writes", () => {
  beforeEach(() => configureProvider());

  for (const fixture of secretScopes) {
    describe(`${fixture.key}: valueEncrypted`, () => {
      const sealed = (plaintext: string | Buffer) => sealedFor(fixture, plaintext);
      const props = (valueEncrypted: string, keyId?: string) => presealedInputs(fixture, valueEncrypted, keyId);

      it("sees a new sealed value or key id as a change, and writes it", async () => {
        const { id, outs } = await createVia(fixture.key, props(sealed("first")));
        const sameInputs = await checkedInputs(fixture.key, props(outs.valueEncrypted!));
        assert.equal((await operations.diff(fixture.key, id, outs, sameInputs)).changes, false);
        const keyChanged = await operations.diff(fixture.key, id, outs, { ...sameInputs, keyId: "another-key" });
        assert.deepEqual([keyChanged.changes, keyChanged.replaces], [true, []]);
        await updateVia(fixture.key, id, outs, props(sealed("second")));
        assert.equal(stored(fixture, "PRESEALED")?.value, "second");
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

/*
 * Edges of what diff counts as a change, for every scope: onDrift only when the policy
 * differs, a switch between `value` and `valueEncrypted`, another selection of the same size.
 */

describe("diff: onDrift, a switch of value kind, and a selection of the same size", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (extra: object = {}) => ({ ...fixture.inputs, [fixture.nameProperty]: "EDGE", value: "v", ...extra });

      it("diff: onDrift counts as a change only when the policy differs (unset is overwrite)", async () => {
        const { id, outs } = await createVia(fixture.key, props());
        for (const [onDrift, changes] of [["overwrite", false], ["ignore", true], ["fail", true]] as const) {
          const diff = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, props({ onDrift }), outs));
          assert.deepEqual([diff.changes, diff.replaces], [changes, []], onDrift);
        }
        const explicit = await createVia(fixture.key, props({ [fixture.nameProperty]: "EXPLICIT", onDrift: "overwrite" }));
        const unset = await operations.diff(fixture.key, explicit.id, explicit.outs, await checkedInputs(fixture.key, props({ [fixture.nameProperty]: "EXPLICIT" }), explicit.outs));
        assert.equal(unset.changes, false, "removing onDrift: \"overwrite\" changes nothing");
      });
    });
  }

  for (const fixture of scopeFixtures.filter((f) => f.kind === "secret")) {
    it(`${fixture.key}: diff sees a switch between \`value\` and \`valueEncrypted\`, and a new sealed value under the same key`, async () => {
      const key = emulator().publicKey(fixture.container);
      const sealed = (text: string) => sealForGitHub(text, key.key);
      const base = { ...fixture.inputs, secretName: "SWITCH" };
      const plain = await createVia(fixture.key, { ...base, value: "v" });
      const toSealed = await checkedInputs(fixture.key, { ...base, valueEncrypted: sealed("v"), keyId: key.keyId }, plain.outs);
      assert.equal((await operations.diff(fixture.key, plain.id, plain.outs, toSealed)).changes, true, "value -> valueEncrypted");

      const presealed = await createVia(fixture.key, { ...base, secretName: "PRESEALED", valueEncrypted: sealed("a"), keyId: key.keyId });
      const resealed = { ...presealed.outs, valueEncrypted: sealed("b") } as ResolvedInputs;
      assert.deepEqual(
        [(await operations.diff(fixture.key, presealed.id, presealed.outs, resealed)).changes, presealed.outs.keyId],
        [true, resealed.keyId],
        "a new box under the same key id",
      );
      const toPlain = { ...presealed.outs, valueEncrypted: undefined, keyId: undefined, value: "a" } as ResolvedInputs;
      assert.equal((await operations.diff(fixture.key, presealed.id, presealed.outs, toPlain)).changes, true, "valueEncrypted -> value");
    });
  }

  for (const fixture of scopeFixtures.filter((f) => f.inputs.org !== undefined || f.key === "codespaces-user-secret")) {
    const visibility = fixture.inputs.org ? "selected" : undefined;
    const props = (selectedRepositories: unknown) => ({ ...fixture.inputs, visibility, [fixture.nameProperty]: "PICKED", value: "v", selectedRepositories });

    it(`${fixture.key}: diff sees another selection of the same size`, async () => {
      const { id, outs } = await createVia(fixture.key, props(["octo-org/app"]));
      const other = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, props(["octo-org/api"]), outs));
      assert.deepEqual([other.changes, other.replaces], [true, []]);
      const joined = { ...outs, selectedRepositories: ["ab", "c"] };
      const split = await operations.diff(fixture.key, id, joined, await checkedInputs(fixture.key, props(["a", "bc"]), outs));
      assert.equal(split.changes, true, "[ab, c] is not [a, bc]");
    });
  }
});
