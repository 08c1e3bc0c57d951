import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import type { ScopeKey } from "../../provider/types";
import { withEnvironment } from "../support/environment";
import { DynamicProviderHost, serializeProvider, urnOf, type Props } from "../support/dynamic-provider-host";
import { emulator } from "../support/root-hooks";
import { scopeFixtures } from "../support/scope-fixtures";

/*
 * The provider as Pulumi runs it: serialized the way `pulumi.dynamic.Resource` serializes it,
 * then deserialized and driven by the SDK's own dynamic-provider host process over gRPC.
 * This runs the built package (dist/), reached by name as a user's program reaches it.
 */

const built = path.resolve(__dirname, "..", "..", "dist", "provider", "resources", "provider-objects.js");
/** The installed package's provider objects: by file, since the package exports only its public API. */
const loadBuilt = (): { providerFor(scope: ScopeKey): object } =>
  require(path.join(path.dirname(require.resolve("pulumi-github-secrets/package.json")), "dist/provider/resources/provider-objects.js"));

/** The host's environment carries no GitHub settings: they must come through `configure`. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL", "GITHUB_OWNER"]) delete env[name];
  return env;
}

describe("the provider in the Pulumi SDK's dynamic-provider host (gRPC)", function () {
  this.timeout(60_000);
  let host: DynamicProviderHost;
  const serialized = new Map<ScopeKey, string>();

  before(async () => {
    assert.ok(existsSync(built), "run `npm run build` first: this suite runs the built package");
    // The token is in this process's environment while serializing: it must still stay out.
    await withEnvironment({ GITHUB_TOKEN: emulator().token }, async () => {
      for (const fixture of scopeFixtures) serialized.set(fixture.key, await serializeProvider(loadBuilt().providerFor(fixture.key)));
    });
  });

  beforeEach(async () => {
    host = await DynamicProviderHost.start({ env: cleanEnvironment() });
    await host.configure({
      "github:token": emulator().token,
      "github:baseUrl": emulator().url,
      "githubSecrets:writeIntervalMs": "0",
    });
  });

  afterEach(async () => {
    await host.close();
    assert.ok(!host.output.includes(emulator().token), "the token appeared in the host's output");
  });

  it("serializes to a small provider that carries no token, URL or client", () => {
    for (const [scope, text] of serialized) {
      assert.ok(!text.includes(emulator().token), `${scope}: token in __provider`);
      assert.ok(!text.includes("127.0.0.1"), `${scope}: API URL in __provider`);
      assert.ok(!text.includes(path.resolve(__dirname, "..", "..")), `${scope}: an absolute path in __provider`);
      assert.match(text, /require\("pulumi-github-secrets\/dist\/provider\/operations\.js"\)/);
      assert.ok(text.length < 4096, `${scope}: __provider is ${text.length} characters`);
    }
  });

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: check, create, diff, update, read, delete through the host`, async () => {
      const provider = serialized.get(fixture.key)!;
      const urn = urnOf(fixture.key, "it");
      const news = (value: string): Props => ({ ...fixture.inputs, [fixture.nameProperty]: "host_item", value, __provider: provider });
      const getItem = () =>
        fixture.kind === "secret" ? emulator().getSecret(fixture.container, "HOST_ITEM") : emulator().getVariable(fixture.container, "HOST_ITEM");

      const checked = await host.check(urn, {}, news("first value"));
      assert.deepEqual(checked.failures, []);
      assert.equal(checked.inputs[fixture.nameProperty], "HOST_ITEM");
      assert.equal(checked.inputs.__provider, provider);

      const created = await host.create(urn, checked.inputs);
      assert.equal(getItem()?.value, "first value");
      assert.equal(created.properties.__provider, provider);
      assert.equal(created.properties.updatedAt, getItem()?.updatedAt);

      const same = await host.diff(created.id, urn, created.properties, checked.inputs);
      assert.equal(same.changes, "none");

      const changed = await host.check(urn, checked.inputs, news("second value"));
      const diff = await host.diff(created.id, urn, created.properties, changed.inputs);
      assert.equal(diff.changes, "some");
      assert.deepEqual(diff.replaces, []);
      const updated = await host.update(created.id, urn, created.properties, changed.inputs);
      assert.equal(getItem()?.value, "second value");

      const read = await host.read(created.id, urn, updated.properties);
      assert.equal(read.id, created.id);
      assert.equal(read.properties.updatedAt, getItem()?.updatedAt);

      await host.delete(created.id, urn, read.properties);
      assert.equal(getItem(), undefined);
      assert.ok(!host.output.includes("first value") && !host.output.includes("second value"), "a value in the host's output");
    });
  }

  it("reports check failures by property, but names no secret-bearing property, with no request sent", async () => {
    const provider = serialized.get("actions-repository-secret")!;
    emulator().clearRequests();
    const reply = await host.check(urnOf("RepoSecret", "bad"), {}, {
      owner: "octo-org",
      repository: "app",
      secretName: "GITHUB_SHA",
      value: "x".repeat(49_153),
      __provider: provider,
    });
    // The engine prints the input of a named property; a failure about `value` names none.
    assert.deepEqual(
      reply.failures.map((f) => [f.property, f.reason.replace(/ .*/, "")]).sort(),
      [["", "`value`"], ["secretName", "secret"]],
    );
    assert.match(reply.failures.find((f) => f.property === "")!.reason, /^`value` is 49153 bytes; GitHub allows at most 49152 bytes/);
    assert.equal(emulator().requests.length, 0);
  });

  it("explains a rejected token without revealing it or the value", async () => {
    const provider = serialized.get("actions-repository-secret")!;
    const other = await DynamicProviderHost.start({ env: cleanEnvironment() });
    try {
      await other.configure({ "github:token": "ghp_wrong_token_123456", "github:baseUrl": emulator().url });
      await assert.rejects(
        other.create(urnOf("RepoSecret", "x"), {
          owner: "octo-org",
          repository: "app",
          secretName: "X",
          value: "plaintext-never-shown",
          __provider: provider,
        }),
        (error: Error) => {
          assert.match(error.message, /401 Bad credentials/);
          assert.match(error.message, /github:token/);
          assert.ok(!error.message.includes("ghp_wrong_token_123456"));
          assert.ok(!error.message.includes("plaintext-never-shown"));
          return true;
        },
      );
      assert.ok(!other.output.includes("ghp_wrong_token_123456"));
      assert.ok(!other.output.includes("plaintext-never-shown"));
    } finally {
      await other.close();
    }
  });

  it("refuses a plain-http API root at the first check (what preview runs) and at every call after it, before any request", async () => {
    const provider = serialized.get("actions-repository-secret")!;
    // The environment alone would reach the emulator: a fallback to it would show in its log.
    const other = await DynamicProviderHost.start({ env: { ...cleanEnvironment(), GITHUB_TOKEN: emulator().token, GITHUB_API_URL: emulator().url } });
    try {
      await other.configure({ "github:token": emulator().token, "github:baseUrl": "http://api.example.com", "githubSecrets:writeIntervalMs": "0" });
      emulator().clearRequests();
      const urn = urnOf("RepoSecret", "plain-http");
      const news = { owner: "octo-org", repository: "app", secretName: "PLAIN_HTTP", value: "plaintext-never-sent", __provider: provider };
      const refused = /github:baseUrl is http:\/\/api\.example\.com, plain http: the token and every sealed value would cross the network unencrypted/;
      await assert.rejects(other.check(urn, {}, news), refused);
      await assert.rejects(other.check(urn, {}, news), refused);
      await assert.rejects(other.create(urn, news), refused);
      assert.equal(emulator().requests.length, 0);
      assert.equal(emulator().getSecret({ app: "actions", owner: "octo-org", repo: "app" }, "PLAIN_HTTP"), undefined);
      assert.ok(!other.output.includes(emulator().token) && !other.output.includes("plaintext-never-sent"));
    } finally {
      await other.close();
    }
  });
});
