import assert from "node:assert/strict";
import { engineAddress } from "../../provider/plugin/engine-log";
import { SECRET_SIGNATURE, SIGNATURE_KEY, secretValue, unwrapProperties, wrapProperties } from "../../provider/plugin/rpc-values";

/*
 * What the engine sends the plugin: secrets wrapped anywhere in a value, and the engine's
 * address among flags. The plugin works on plain values and must hand every secret back wrapped.
 */

const secret = (value: unknown) => ({ [SIGNATURE_KEY]: SECRET_SIGNATURE, value });

describe("the plugin's view of the engine's values", () => {
  it("unwraps secrets at any depth, and counts a property secret when any part of it is", () => {
    const { plain, secrets } = unwrapProperties({
      value: secret("v"),
      valueFrom: { command: ["op", secret("read"), "x"] },
      selectedRepositories: ["app", 12],
      owner: "octo-org",
      nested: secret({ inner: secret("deep") }),
    });
    assert.deepEqual(plain, { value: "v", valueFrom: { command: ["op", "read", "x"] }, selectedRepositories: ["app", 12], owner: "octo-org", nested: { inner: "deep" } });
    assert.deepEqual([...secrets].sort(), ["nested", "value", "valueFrom"]);
  });

  it("counts an object secret when one of its members is, not only when all are", () => {
    const { plain, secrets } = unwrapProperties({ valueFrom: { env: secret("VAULT_TOKEN"), timeoutSeconds: 5 } });
    assert.deepEqual(plain, { valueFrom: { env: "VAULT_TOKEN", timeoutSeconds: 5 } });
    assert.deepEqual([...secrets], ["valueFrom"]);
  });

  it("keeps null and absent values as they are, and a secret without a value secret", () => {
    const { plain, secrets } = unwrapProperties({ visibility: null, keyId: undefined, valueFrom: { file: null }, value: { [SIGNATURE_KEY]: SECRET_SIGNATURE } });
    assert.deepEqual(plain, { visibility: null, keyId: undefined, valueFrom: { file: null }, value: undefined });
    assert.deepEqual([...secrets], ["value"]);
  });

  it("takes an object with the signature key but another signature for what it is", () => {
    const lookalike = { [SIGNATURE_KEY]: "not the secret signature", value: "x" };
    const { plain, secrets } = unwrapProperties({ asset: lookalike });
    assert.deepEqual(plain, { asset: lookalike });
    assert.equal(secrets.size, 0);
  });

  it("wraps the named properties that are present, and leaves absent ones out", () => {
    assert.deepEqual(wrapProperties({ value: "v", keyId: "k", valueEncrypted: undefined, valueFingerprint: null }, ["value", "valueEncrypted", "valueFingerprint", "missing"]), {
      value: secretValue("v"),
      keyId: "k",
      valueEncrypted: undefined,
      valueFingerprint: null,
    });
  });

  it("finds the engine's address after the engine's logging flags", () => {
    assert.equal(engineAddress(["127.0.0.1:4242"]), "127.0.0.1:4242");
    assert.equal(engineAddress(["--logtostderr", "-v=9", "--tracing", "http://trace", "127.0.0.1:4243"]), "127.0.0.1:4243");
    assert.equal(engineAddress(["--logtostderr"]), undefined);
    assert.equal(engineAddress([]), undefined);
  });
});
