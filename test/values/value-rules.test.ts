import assert from "node:assert/strict";
import { UNKNOWN } from "../../provider/lifecycle/engine-values";
import { checkSecretValue, checkVariableValue, valueSourceRule } from "../../provider/values/value-rules";

/*
 * The value rules report each failure against the property it is about; check then keeps
 * `value` and `valueEncrypted` out of what the engine is told (test/lifecycle/check-failure-properties.test.ts).
 */

const ONE =
  "exactly one of `value` (plaintext, sealed by this provider), `valueEncrypted` (sealed elsewhere, with `keyId`) or `valueFrom` (read by the provider, never stored) must be set";
const box = (n: number) => Buffer.alloc(n, 7).toString("base64");

function failures(rule: typeof checkSecretValue, inputs: Record<string, unknown>): [string, string][] {
  const found: [string, string][] = [];
  rule(inputs, (property, reason) => found.push([property, reason]));
  return found;
}

describe("value rules: the property each failure is reported against", () => {
  it("a secret: no value at all is about `value`, a value and a sealed value too many is about `valueEncrypted`", () => {
    assert.deepEqual(failures(checkSecretValue, {}), [["value", ONE]]);
    assert.deepEqual(failures(checkSecretValue, { value: "v", valueEncrypted: box(60), keyId: "k" }), [["valueEncrypted", ONE]]);
    assert.deepEqual(failures(checkSecretValue, { value: "v", valueFrom: { env: "X" } }), [["valueFrom", ONE]]);
  });

  it("a keyId with no value at all is only the missing value, not also a keyId out of place", () => {
    assert.deepEqual(failures(checkSecretValue, { keyId: "k" }), [["value", ONE]]);
    assert.deepEqual(failures(checkSecretValue, { value: "v", keyId: "k" }), [["keyId", "`keyId` goes with `valueEncrypted` only; a plaintext `value` is sealed with GitHub's current key"]]);
  });

  it("a sealed value that is no base64, too short or too long is about `valueEncrypted`", () => {
    const sealed = (valueEncrypted: unknown) => failures(checkSecretValue, { valueEncrypted, keyId: "k" });
    assert.deepEqual(sealed("AA-_AAAA"), [["valueEncrypted", "`valueEncrypted` must be standard base64 (not URL-safe) of a libsodium sealed box"]]);
    assert.deepEqual(sealed(box(47)), [["valueEncrypted", "`valueEncrypted` is 47 bytes; a sealed box is at least 48 bytes"]]);
    assert.deepEqual(sealed(box(48 + 49153)), [["valueEncrypted", "`valueEncrypted` holds 49153 bytes; GitHub allows at most 49152 bytes (48 KB)"]]);
  });

  it("a variable without a value is about `value`", () => {
    assert.deepEqual(failures(checkVariableValue, {}), [["value", "`value` is required"]]);
  });
});

describe("value rules: the shape of a valueFrom source", () => {
  const SHAPES = '`{ env: "NAME" }`, `{ file: "path" }` or `{ command: ["program", "arg", …] }`';

  it("valueSourceRule refuses null as a source of the wrong shape", () => {
    assert.equal(valueSourceRule(null), `\`valueFrom\` must be one of ${SHAPES}`);
  });
});

describe("value rules: valueFrom.passEnvironment", () => {
  const command = ["op", "read", "op://vault/item"];
  const LIST = "`valueFrom.passEnvironment` must be a list of environment variable names (each non-empty, without `=`), the credentials the command may have";

  it("takes a list of variable names with a command, or an unknown", () => {
    assert.equal(valueSourceRule({ command, passEnvironment: ["GH_TOKEN", "OP_SERVICE_ACCOUNT_TOKEN"] }), undefined);
    assert.equal(valueSourceRule({ command, passEnvironment: [] }), undefined);
    assert.equal(valueSourceRule({ command, passEnvironment: UNKNOWN }), undefined);
  });

  it("refuses anything else, naming the property, and reports it against `valueFrom`", () => {
    for (const passEnvironment of ["GH_TOKEN", [""], ["A=B"], [7], ["A\0B"], { GH_TOKEN: true }]) {
      assert.equal(valueSourceRule({ command, passEnvironment }), LIST, JSON.stringify(passEnvironment));
    }
    assert.equal(valueSourceRule({ env: "X", passEnvironment: ["GH_TOKEN"] }), "`valueFrom.passEnvironment` goes with `command` only");
    assert.equal(valueSourceRule({ file: "x", passEnvironment: ["GH_TOKEN"] }), "`valueFrom.passEnvironment` goes with `command` only");
    assert.deepEqual(failures(checkSecretValue, { valueFrom: { command, passEnvironment: ["A=B"] } }), [["valueFrom", LIST]]);
  });
});
