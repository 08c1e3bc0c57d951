import assert from "node:assert/strict";
import { provider as operations } from "./support/deployment";
import { checkedInputs, createVia } from "./support/lifecycle";
import { configureProvider } from "./support/configure-provider";
import { emulator } from "./support/root-hooks";
import { scopeFixtures } from "./support/scope-fixtures";

/*
 * `valueFrom: null` (a program that sets the field conditionally) is no source, for every
 * secret scope: the plaintext `value` is written, and diff compares that value.
 */

describe("a null valueFrom is no source", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures.filter((f) => f.kind === "secret")) {
    it(`${fixture.key}: the value is written, and diff compares the value`, async () => {
      const news = (value: string) => ({ ...fixture.inputs, secretName: "PLAIN", value, valueFrom: null });
      const { id, outs } = await createVia(fixture.key, news("first"));
      assert.equal(emulator().getSecret(fixture.container, "PLAIN")?.value, "first");
      const same = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, news("first"), outs));
      assert.equal(same.changes, false);
      const changed = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, news("second"), outs));
      assert.deepEqual([changed.changes, changed.replaces], [true, []]);
    });
  }
});
