import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { DependabotSecret, OrgVariable, RepoSecret } from "../../provider";
import { recordRegistrations, stopMocks, type MockRegistration } from "../support/mock-registrations";

/*
 * What a secret resource asks the engine to keep secret, exactly: its value, its sealed value
 * and the fingerprint of a `valueFrom` value, plus the caller's own list; and that no input
 * the caller left out is sent (an absent `value` is not a secret of nothing).
 */

describe("resource classes: exactly which outputs are secret, and which inputs are sent (Pulumi mocks, in-process)", function () {
  this.timeout(20_000);
  let requests = new Map<string, MockRegistration>();

  before(async () => {
    requests = await recordRegistrations(false);
  });

  after(stopMocks);

  const sent = async (resource: pulumi.CustomResource, name: string) => {
    await new Promise((resolve) => resource.urn.apply(resolve));
    return requests.get(name)!;
  };

  it("a secret keeps exactly its value, sealed value and fingerprint secret; a valueFrom secret sends no value", async () => {
    const request = await sent(new RepoSecret("from-env", { repository: "app", secretName: "A", valueFrom: { env: "TOKEN" } }), "from-env");
    assert.deepEqual(request.additionalSecretOutputs, ["value", "valueEncrypted", "valueFingerprint"]);
    assert.equal(request.inputs.value, undefined, "no value given, none sent");
    assert.equal(request.inputs.valueEncrypted, undefined);
    assert.deepEqual(request.inputs.valueFrom, { env: "TOKEN" });
  });

  it("the caller's own secret outputs come first and are kept", async () => {
    const request = await sent(
      new DependabotSecret("own-outputs", { secretName: "A", valueEncrypted: "c2VhbGVk", keyId: "k" }, { additionalSecretOutputs: ["keyId"] }),
      "own-outputs",
    );
    assert.deepEqual(request.additionalSecretOutputs, ["keyId", "value", "valueEncrypted", "valueFingerprint"]);
    assert.equal(request.inputs.value, undefined, "a sealed value only: no plaintext input");
  });

  it("a variable asks for no secret output of its own", async () => {
    const request = await sent(new OrgVariable("plain-variable", { variableName: "A", value: "v" }), "plain-variable");
    assert.deepEqual(request.additionalSecretOutputs, []);
  });
});
