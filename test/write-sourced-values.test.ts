import assert from "node:assert/strict";
import { provider as operations } from "./support/deployment";
import { configureProvider } from "./support/configure-provider";
import { checkedInputs, createVia, updateVia } from "./support/lifecycle";
import { emulator } from "./support/root-hooks";
import { scopeFixtures } from "./support/scope-fixtures";
import { withSourceVariable } from "./support/value-source-commands";

/*
 * A `valueFrom` value through create and update, for every secret scope: an update that
 * sends nothing, or that leaves the value as it is, keeps the fingerprint of the value
 * written; the value read is concealed from the write's failure messages even when
 * GitHub's (or a proxy's) message quotes it.
 */

const SOURCE = "WRITE_SOURCED_VALUE";

/** Runs `body` as a new provider process that reads the source as `value` (undefined: unset). */
const withSource = <T>(value: string | undefined, body: () => Promise<T>): Promise<T> => withSourceVariable(SOURCE, value, body);

describe("write: values read from valueFrom", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures.filter((f) => f.kind === "secret")) {
    describe(fixture.key, () => {
      const props = (extra: object = {}) => ({ ...fixture.inputs, secretName: "SOURCED", valueFrom: { env: SOURCE }, ...extra });

      it("an update of onDrift alone sends nothing and keeps the fingerprint", async () => {
        const { id, outs } = await withSource("sourced-value-1", () => createVia(fixture.key, props()));
        assert.match(outs.valueFingerprint!, /^\$scrypt\$/);
        emulator().clearRequests();
        const updated = await withSource("sourced-value-1", async () => (await operations.update(fixture.key, id, outs, await checkedInputs(fixture.key, props({ onDrift: "fail" }), outs))).outs!);
        assert.deepEqual(emulator().requests, []);
        assert.deepStrictEqual(updated, { ...outs, onDrift: "fail" });
      });

      it("the value read is concealed from a failure message that quotes it", async () => {
        const value = "sourced-value-quoted";
        emulator().injectFault({ method: "PUT", status: 403, body: { message: `Refused the value ${value}` } });
        await withSource(value, () =>
          assert.rejects(createVia(fixture.key, props()), (error: Error) => {
            assert.ok(!error.message.includes(value), error.message);
            assert.match(error.message, /Refused the value \[REDACTED\]/);
            return true;
          }),
        );
      });

      if (fixture.inputs.org) {
        it("a change of visibility with the source unchanged writes the same value and keeps the fingerprint", async () => {
          const { id, outs } = await withSource("sourced-value-2", () => createVia(fixture.key, props()));
          emulator().clearRequests();
          const updated = await withSource("sourced-value-2", () => updateVia(fixture.key, id, outs, props({ visibility: "all" })));
          assert.deepEqual(
            emulator().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`),
            [`PUT ${id}`],
          );
          const item = emulator().getSecret(fixture.container, "SOURCED")!;
          assert.deepEqual([item.value, item.visibility], ["sourced-value-2", "all"]);
          assert.equal(updated.valueFingerprint, outs.valueFingerprint);
        });
      }
    });
  }
});
