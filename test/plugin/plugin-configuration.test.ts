import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { checkConfig, configureInputs, pluginConfiguration, renameSettings } from "../../provider/plugin/plugin-configuration";
import { SECRET_SIGNATURE, SIGNATURE_KEY } from "../../provider/plugin/rpc-values";

/*
 * The plugin's settings: its own namespace, the same environment variables as the dynamic
 * resources, stack configuration first, credentials kept secret in the provider's state, and
 * messages naming the plugin's settings.
 */

const isSecret = (value: unknown) => typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIGNATURE_KEY] === SECRET_SIGNATURE;
const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();

describe("the plugin's configuration", () => {
  it("takes the stack's settings over the environment's, and the environment's where the stack is silent", () => {
    const env = { GITHUB_TOKEN: "env-token", GITHUB_OWNER: "env-owner", GITHUB_BASE_URL: "https://ghe.example.com/api/v3", GITHUB_SECRETS_WRITE_INTERVAL_MS: "250" };
    const fromStack = pluginConfiguration({ token: "stack-token", owner: "stack-owner", baseUrl: "https://ghe.example.org/api/v3", writeIntervalMs: "5", maxRateLimitWaitSeconds: 7 }, env);
    assert.deepEqual(
      { token: fromStack.token, owner: fromStack.owner, baseUrl: fromStack.baseUrl, writeIntervalMs: fromStack.writeIntervalMs, wait: fromStack.maxRateLimitWaitSeconds },
      { token: "stack-token", owner: "stack-owner", baseUrl: "https://ghe.example.org/api/v3", writeIntervalMs: 5, wait: 7 },
    );
    const fromEnvironment = pluginConfiguration({}, env);
    assert.deepEqual(
      { token: fromEnvironment.token, owner: fromEnvironment.owner, baseUrl: fromEnvironment.baseUrl, writeIntervalMs: fromEnvironment.writeIntervalMs },
      { token: "env-token", owner: "env-owner", baseUrl: "https://ghe.example.com/api/v3", writeIntervalMs: 250 },
    );
  });

  it("reads an App from github-secrets:appAuth, as an object or its JSON text", () => {
    for (const appAuth of [{ id: "42", installationId: "7", pemFile: pem }, JSON.stringify({ id: "42", installationId: "7", pemFile: pem })]) {
      const { app, token } = pluginConfiguration({ appAuth, token: "also-a-token" }, {});
      assert.equal(app?.appId, "42");
      assert.equal(app?.installationId, 7);
      assert.equal(app?.source, "github-secrets:appAuth");
      assert.equal(token, undefined, "an App wins over a token of the same source");
    }
  });

  it("keeps the token and the App settings secret in what CheckConfig returns, and no other setting", () => {
    const { inputs, failures } = checkConfig({ token: "plain-token", appAuth: { id: "1", installationId: "2", pemFile: pem }, owner: "octo-org", baseUrl: "https://api.github.com" });
    assert.deepEqual(failures, []);
    assert.ok(isSecret(inputs.token) && isSecret(inputs.appAuth));
    assert.equal(inputs.owner, "octo-org");
    assert.equal(inputs.baseUrl, "https://api.github.com");
  });

  it("fails CheckConfig on bad App settings and numbers, naming the plugin's setting, never the input", () => {
    const app = checkConfig({ appAuth: { id: "1", installationId: "x", pemFile: pem } });
    assert.deepEqual(app.failures.map((f) => f.property), [""]);
    assert.match(app.failures[0]!.reason, /^github-secrets:appAuth\.installationId must be the installation's numeric id/);
    assert.ok(!app.failures[0]!.reason.includes("BEGIN RSA"), "no key in the message");
    const interval = checkConfig({ writeIntervalMs: "soon" });
    assert.deepEqual(interval.failures, [{ property: "", reason: 'github-secrets:writeIntervalMs must be a whole number of milliseconds, got "soon"' }]);
  });

  it("reads Configure's variables when an older engine sends no arguments", () => {
    const variables = new Map([
      ["github-secrets:config:token", "t"],
      ["github-secrets:config:owner", "o"],
      ["github:config:token", "not ours"],
    ]);
    assert.deepEqual(configureInputs(undefined, variables), { token: "t", owner: "o" });
    assert.deepEqual(configureInputs({}, variables), { token: "t", owner: "o" }, "empty arguments are none");
    assert.deepEqual(configureInputs({ token: { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: "from-args" } }, variables), { token: "from-args" });
  });

  it("renames every dynamic-resource setting in a message to the plugin's", () => {
    assert.equal(
      renameSettings("set github:token or github:appAuth.id; check github:baseUrl, github:owner, githubSecrets:writeIntervalMs and githubSecrets:maxRateLimitWaitSeconds"),
      "set github-secrets:token or github-secrets:appAuth.id; check github-secrets:baseUrl, github-secrets:owner, github-secrets:writeIntervalMs and github-secrets:maxRateLimitWaitSeconds",
    );
  });
});
