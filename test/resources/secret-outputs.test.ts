import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { DependabotSecret, OrgVariable, RepoSecret } from "../../provider";
import { providerFor } from "../../provider/resources/provider-objects";
import type { ScopeKey } from "../../provider/types";
import { recordRegistrations, stopMocks, type MockRegistration } from "../support/mock-registrations";

/*
 * What a secret resource asks the engine to keep secret, exactly: its value, its sealed value
 * and the fingerprint of a `valueFrom` value, plus the caller's own list; and that no input
 * the caller left out is sent (an absent `value` is not a secret of nothing). One provider
 * object per scope, so the SDK serializes each scope's provider once.
 */

describe("resource classes: secret outputs and inputs sent (Pulumi mocks, in-process)", function () {
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

  it("one provider object per scope, carrying its scope, another for each other scope", () => {
    // Keys no other test asked for: the objects are made here, not found from an earlier test.
    const [first, second] = [`probe-${randomUUID()}`, `probe-${randomUUID()}`] as unknown as ScopeKey[];
    const provider = providerFor(first);
    assert.equal((provider as unknown as { scope: string }).scope, first);
    assert.equal(providerFor(first), provider, "the same object again: the SDK serializes it once");
    assert.notEqual(providerFor(second), provider);
    assert.equal((providerFor(second) as unknown as { scope: string }).scope, second);
  });
});
