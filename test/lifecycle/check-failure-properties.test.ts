import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import { configureProvider } from "../support/configure-provider";
import { emulator } from "../support/root-hooks";
import { scopeFixtures } from "../support/scope-fixtures";

/*
 * Which property a check failure names, exactly. The engine prints a named property's whole
 * input with the failure, so a failure about `value` or `valueEncrypted` (which may carry a
 * secret) names no property and says which one in its reason; every other failure names its
 * property. Each case is the resource's only failure.
 */

const SHAPES = '`{ env: "NAME" }`, `{ file: "path" }` or `{ command: ["program", "arg", …] }`';

describe("check: the property each failure names", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    const resource = (overrides: Record<string, unknown>) => ({ ...fixture.inputs, [fixture.nameProperty]: "NAMED", value: "v", ...overrides });
    const failures = async (overrides: Record<string, unknown>) => (await operations.check(fixture.key, {}, resource(overrides))).failures;

    it(`${fixture.key}: a failure about \`value\` names no property, and its reason names \`value\``, async () => {
      assert.deepEqual(await failures({ value: 42 }), [{ property: "", reason: "`value` must be a string, got number" }]);
      assert.deepEqual(await failures({ value: "x".repeat(49153) }), [{ property: "", reason: "`value` is 49153 bytes; GitHub allows at most 49152 bytes (48 KB)" }]);
      if (fixture.kind === "variable") {
        assert.deepEqual(await failures({ value: undefined }), [{ property: "", reason: "`value` is required" }]);
      }
      assert.equal(emulator().requests.length, 0, "check never calls GitHub");
    });

    if (fixture.kind === "secret") {
      it(`${fixture.key}: a failure about \`valueEncrypted\` names no property, and its reason names \`valueEncrypted\``, async () => {
        const sealed = (inputs: Record<string, unknown>) => failures({ value: undefined, keyId: "k", ...inputs });
        const BASE64 = "`valueEncrypted` must be standard base64 (not URL-safe) of a libsodium sealed box";
        assert.deepEqual(await sealed({ valueEncrypted: "AA-_AAAA" }), [{ property: "", reason: BASE64 }]);
        // Not a string, though its digits read as base64: refused for its type, never decoded.
        assert.deepEqual(await sealed({ valueEncrypted: 12345678 }), [{ property: "", reason: BASE64 }]);
        assert.deepEqual(await sealed({ valueEncrypted: ["AAAAAAAA"] }), [{ property: "", reason: BASE64 }]);
        assert.deepEqual(await sealed({ valueEncrypted: Buffer.alloc(47, 1).toString("base64") }), [
          { property: "", reason: "`valueEncrypted` is 47 bytes; a sealed box is at least 48 bytes" },
        ]);
      });

      it(`${fixture.key}: "exactly one value" names \`valueFrom\` when a source is among them, and no property otherwise`, async () => {
        const ONE = "exactly one of `value` (plaintext, sealed by this provider), `valueEncrypted` (sealed elsewhere, with `keyId`) or `valueFrom` (read by the provider, never stored) must be set";
        assert.deepEqual(await failures({ valueFrom: { env: "X" } }), [{ property: "valueFrom", reason: ONE }]);
        assert.deepEqual(await failures({ value: undefined }), [{ property: "", reason: ONE }]);
      });

      it(`${fixture.key}: a \`valueFrom\` with several unknown fields names them all`, async () => {
        const olds = { ...fixture.inputs, secretName: "NAMED" };
        const { failures: found } = await operations.check(fixture.key, olds, resource({ value: undefined, valueFrom: { env: "X", shell: true, cwd: "/" } }));
        assert.deepEqual(found, [{ property: "valueFrom", reason: `\`valueFrom\` has no field \`shell\`, \`cwd\`; it is one of ${SHAPES}` }]);
      });
    }
  }

  it("a user secret's `visibility` failure names `visibility`", async () => {
    const { failures } = await operations.check("codespaces-user-secret", {}, { secretName: "MINE", value: "v", visibility: "all" });
    assert.deepEqual(failures, [
      { property: "visibility", reason: "a user Codespaces secret has no `visibility`: list the repositories that may use it in `selectedRepositories`" },
    ]);
  });

  for (const fixture of scopeFixtures.filter((f) => "org" in f.inputs || f.key === "codespaces-user-secret")) {
    it(`${fixture.key}: a \`selectedRepositories\` that is no list names \`selectedRepositories\``, async () => {
      const visibility = "org" in fixture.inputs ? "selected" : undefined;
      const { failures } = await operations.check(fixture.key, {}, { ...fixture.inputs, visibility, [fixture.nameProperty]: "SHARED", value: "v", selectedRepositories: "app" });
      assert.deepEqual(failures, [{ property: "selectedRepositories", reason: "`selectedRepositories` must be a list of repository names or numeric ids" }]);
    });
  }
});
