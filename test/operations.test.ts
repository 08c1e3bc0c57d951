import assert from "node:assert/strict";
import type { Container } from "../emulator";
import type { ResolvedInputs } from "../provider/types";
import { stackConfig } from "./support/deployment";
import { withEnvironment } from "./support/environment";
import { emulator } from "./support/root-hooks";

/*
 * The provider process's entry: Pulumi configures each provider object (one per scope) once;
 * those configured alike share one deployment, so the writes and caches of every scope are
 * one. Each test loads the module afresh, as a new provider process would.
 */

type Entry = typeof import("../provider/operations");

function freshEntry(): Entry {
  const file = require.resolve("../provider/operations");
  delete require.cache[file];
  return require(file) as Entry;
}

const KEY = "actions-repository-secret";
const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const inputs = (name: string): ResolvedInputs => ({ owner: "octo-org", repository: "app", secretName: name, value: `value of ${name}` });
const keyFetches = () => emulator().requests.filter((r) => r.path.endsWith("/secrets/public-key")).length;

describe("the provider process's entry (operations.ts)", () => {
  const config = (extra: Record<string, string> = {}) =>
    stackConfig({ "github:token": emulator().token, "github:baseUrl": emulator().url, "githubSecrets:writeIntervalMs": "0", ...extra });

  it("gives the provider objects configured alike one deployment: the repository's key is fetched once", async () => {
    const entry = freshEntry();
    await entry.configure({ config: config({ "github:owner": "octo-org" }) });
    await entry.create(KEY, inputs("FIRST"));
    // The next provider object of the process (another scope, say) is configured the same.
    await entry.configure({ config: config({ "github:owner": "octo-org" }) });
    const checked = await entry.check(KEY, {}, { repository: "app", secretName: "second", value: "value of SECOND" });
    assert.deepEqual([checked.failures, checked.inputs.owner], [[], "octo-org"], "the configured owner");
    await entry.create(KEY, checked.inputs as ResolvedInputs);
    assert.equal(emulator().getSecret(REPO, "SECOND")?.value, "value of SECOND");
    assert.equal(keyFetches(), 1);
  });

  it("starts a new deployment when configured otherwise", async () => {
    const entry = freshEntry();
    await entry.configure({ config: config() });
    await entry.create(KEY, inputs("FIRST"));
    await entry.configure({ config: config({ "githubSecrets:writeIntervalMs": "1" }) });
    await entry.create(KEY, inputs("SECOND"));
    assert.equal(keyFetches(), 2);
  });

  it("without configure, takes its settings from the environment, for one deployment", async () => {
    const entry = freshEntry();
    const env = { GITHUB_TOKEN: emulator().token, GITHUB_BASE_URL: emulator().url, GITHUB_SECRETS_WRITE_INTERVAL_MS: "0", GH_TOKEN: undefined, GITHUB_API_URL: undefined };
    await withEnvironment(env, async () => {
      await entry.create(KEY, inputs("FIRST"));
      await entry.create(KEY, inputs("SECOND"));
    });
    assert.deepEqual([emulator().getSecret(REPO, "FIRST")?.value, emulator().getSecret(REPO, "SECOND")?.value], ["value of FIRST", "value of SECOND"]);
    assert.equal(keyFetches(), 1);
  });

  it("hands diff, read, update and delete to the lifecycle with the scope", async () => {
    const entry = freshEntry();
    await entry.configure({ config: config() });
    const created = await entry.create(KEY, inputs("CYCLE"));
    const outs = created.outs!;
    assert.deepEqual(await entry.read(KEY, created.id, outs), { id: created.id, props: outs });
    const news = { ...inputs("CYCLE"), value: "changed" };
    assert.equal((await entry.diff(KEY, created.id, outs, news)).changes, true);
    const updated = await entry.update(KEY, created.id, outs, news);
    assert.equal(emulator().getSecret(REPO, "CYCLE")?.value, "changed");
    await entry.delete(KEY, created.id, updated.outs!);
    assert.equal(emulator().getSecret(REPO, "CYCLE"), undefined);
  });

  it("after a refused configure, refuses every call of the process before any request, rather than take the environment's settings", async () => {
    const entry = freshEntry();
    // The environment alone would reach the emulator: a fallback to it would show in its log.
    await withEnvironment({ GITHUB_TOKEN: emulator().token, GITHUB_API_URL: emulator().url, GITHUB_BASE_URL: undefined, GITHUB_SECRETS_WRITE_INTERVAL_MS: "0" }, async () => {
      const refused = /github:baseUrl is http:\/\/api\.example\.com, plain http: the token and every sealed value would cross the network unencrypted/;
      await assert.rejects(entry.configure({ config: config({ "github:baseUrl": "http://api.example.com" }) }), refused);
      await assert.rejects(async () => entry.check(KEY, {}, { ...inputs("AFTER") }), refused);
      await assert.rejects(async () => entry.create(KEY, inputs("AFTER")), refused);
      await assert.rejects(async () => entry.delete(KEY, "octo-org/app/AFTER", { ...inputs("AFTER"), createdAt: "", updatedAt: "" }), refused);
    });
    assert.equal(emulator().requests.length, 0);
  });
});
