import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { appSettingsFromStack } from "../provider/deployment/app-credentials";

/*
 * Only Pulumi's secret marker unwraps a field of github:appAuth: a null field is missing (not a
 * crash), and an object that merely has a `value` is not a secret, so not a setting either.
 */

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const problemOf = (raw: unknown) => {
  const settings = appSettingsFromStack(raw);
  return settings && "problem" in settings ? settings.problem : undefined;
};

describe("github:appAuth fields: what counts as a secret wrapper", () => {
  it("a null field is missing", () => {
    assert.equal(problemOf({ id: null, installationId: "77", pemFile: pem }), "GitHub App authentication needs github:appAuth.id as well");
  });

  it("an object with a value but without Pulumi's marker is no setting", () => {
    assert.equal(problemOf({ id: { value: "4242" }, installationId: { value: "77" }, pemFile: pem }), "GitHub App authentication needs github:appAuth.id and github:appAuth.installationId as well");
  });
});
