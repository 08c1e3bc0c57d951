import assert from "node:assert/strict";
import sodium from "libsodium-wrappers";
import { provider as operations } from "./support/deployment";
import type { ResolvedInputs, ResolvedOutputs, ScopeKey } from "../provider/types";
import { UNKNOWN } from "../provider/lifecycle/input-rules";
import { faults, type Container } from "../emulator";
import { configureProvider } from "./support/configure-provider";
import { withEnvironment } from "./support/environment";
import { emulator } from "./support/root-hooks";

/*
 * What the lifecycle suite does not show: key caching, selections, path encoding, errors,
 * retries, key rotation, read-after-write consistency, pre-sealed values and adoption.
 */

const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const ORG: Container = { app: "actions", org: "octo-org" };


async function checked(scope: ScopeKey, news: Record<string, unknown>, olds: object = {}): Promise<ResolvedInputs> {
  const result = await operations.check(scope, olds as never, news);
  assert.deepEqual(result.failures, []);
  return result.inputs as ResolvedInputs;
}

async function create(scope: ScopeKey, news: Record<string, unknown>) {
  const created = await operations.create(scope, await checked(scope, news));
  return { id: created.id, outs: created.outs! };
}

async function update(scope: ScopeKey, id: string, olds: ResolvedOutputs, news: Record<string, unknown>) {
  const inputs = await checked(scope, news, olds);
  const diff = await operations.diff(scope, id, olds, inputs);
  assert.equal(diff.changes, true);
  return (await operations.update(scope, id, olds, inputs)).outs!;
}

const routes = (method: string, suffix: string) =>
  emulator().requests.filter((r) => r.method === method && r.route?.endsWith(suffix));

describe("provider behaviour", () => {
  beforeEach(() => configureProvider());

  describe("public keys", () => {
    it("fetches each container's key once per deployment, and each scope's own key", async () => {
      await Promise.all(
        ["A", "B", "C"].map((name) => create("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: name, value: name })),
      );
      await create("dependabot-repository-secret", { owner: "octo-org", repository: "app", secretName: "D", value: "d" });
      await create("actions-repository-secret", { owner: "octo-org", repository: "api", secretName: "E", value: "e" });
      const keyRequests = emulator().requests.filter((r) => r.route?.endsWith("/secrets/public-key"));
      assert.deepEqual(
        keyRequests.map((r) => r.path).sort(),
        [
          "/repos/octo-org/api/actions/secrets/public-key",
          "/repos/octo-org/app/actions/secrets/public-key",
          "/repos/octo-org/app/dependabot/secrets/public-key",
        ],
      );
      assert.equal(emulator().getSecret({ app: "dependabot", owner: "octo-org", repo: "app" }, "D")?.value, "d");
    });

    it("seals again with the new key when GitHub rotated it during the deployment", async () => {
      await create("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "FIRST", value: "1" });
      emulator().rotateKey(REPO);
      await create("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "SECOND", value: "2" });
      assert.equal(emulator().getSecret(REPO, "SECOND")?.value, "2");
      assert.equal(routes("GET", "/secrets/public-key").length, 2);
    });

    it("writes a value sealed elsewhere as is, without fetching a key", async () => {
      await sodium.ready;
      const { key, keyId } = emulator().publicKey(REPO);
      const sealed = Buffer.from(sodium.crypto_box_seal(Buffer.from("sealed elsewhere"), Buffer.from(key, "base64"))).toString("base64");
      const { outs } = await create("actions-repository-secret", {
        owner: "octo-org",
        repository: "app",
        secretName: "PRESEALED",
        valueEncrypted: sealed,
        keyId,
      });
      assert.equal(emulator().getSecret(REPO, "PRESEALED")?.value, "sealed elsewhere");
      assert.equal(outs.valueEncrypted, sealed);
      assert.equal(routes("GET", "/secrets/public-key").length, 0);
    });
  });

  describe("environments", () => {
    for (const environment of ["staging/eu", "préprod ü", "production"]) {
      it(`encodes the environment "${environment}" exactly once in the path`, async () => {
        const { id } = await create("actions-environment-secret", {
          owner: "octo-org",
          repository: "app",
          environment,
          secretName: "ENV_SECRET",
          value: environment,
        });
        const encoded = encodeURIComponent(environment);
        assert.equal(id, `/repos/octo-org/app/environments/${encoded}/secrets/ENV_SECRET`);
        const put = routes("PUT", "/secrets/{secret_name}")[0]!;
        assert.equal(put.path, `/repos/octo-org/app/environments/${encoded}/secrets/ENV_SECRET`);
        assert.equal(put.params.environment_name, environment);
        assert.equal(emulator().getSecret({ app: "actions", owner: "octo-org", repo: "app", environment }, "ENV_SECRET")?.value, environment);
      });
    }

    it("reports an unknown environment as not found, naming it", async () => {
      await assert.rejects(
        create("actions-environment-secret", { owner: "octo-org", repository: "app", environment: "nope", secretName: "X", value: "v" }),
        /X in octo-org\/app environment "nope" failed: not found \(404\)/,
      );
    });
  });

  describe("organization selections", () => {
    const base = { org: "octo-org", secretName: "SHARED", value: "v1", visibility: "selected" };

    it("resolves repository names to ids and keeps them with the value", async () => {
      const { outs } = await create("actions-organization-secret", { ...base, selectedRepositories: ["app", "octo-org/api", 1003] });
      assert.deepEqual(outs.selectedRepositoryIds, [1001, 1002, 1003]);
      const stored = emulator().getSecret(ORG, "SHARED")!;
      assert.equal(stored.visibility, "selected");
      assert.deepEqual(stored.selectedRepositoryIds, [1001, 1002, 1003]);
    });

    it("changes only the selection without sending the value, and that change is not drift", async () => {
      const { id, outs } = await create("actions-organization-secret", { ...base, selectedRepositories: ["app"] });
      emulator().clearRequests();
      const updated = await update("actions-organization-secret", id, outs, { ...base, selectedRepositories: ["app", "api"] });
      assert.equal(routes("PUT", "/secrets/{secret_name}").length, 0, "the value was not sent again");
      assert.equal(routes("PUT", "/repositories").length, 1);
      assert.deepEqual(emulator().getSecret(ORG, "SHARED")!.selectedRepositoryIds, [1001, 1002]);
      assert.equal(emulator().getSecret(ORG, "SHARED")!.value, "v1");

      const read = await operations.read("actions-organization-secret", id, updated);
      assert.equal(read.props?.value, "v1", "GitHub bumped updated_at for our own selection change: not drift");
      const diff = await operations.diff("actions-organization-secret", id, read.props!, await checked("actions-organization-secret", { ...base, selectedRepositories: ["app", "api"] }));
      assert.equal(diff.changes, false);
    });

    it("changes only the value and keeps visibility and selection", async () => {
      const { id, outs } = await create("actions-organization-secret", { ...base, selectedRepositories: ["app", "web"] });
      emulator().clearRequests();
      await update("actions-organization-secret", id, outs, { ...base, value: "v2", selectedRepositories: ["app", "web"] });
      const put = routes("PUT", "/secrets/{secret_name}")[0]!;
      assert.equal((put.body as { visibility: string }).visibility, "selected");
      const stored = emulator().getSecret(ORG, "SHARED")!;
      assert.equal(stored.value, "v2");
      assert.deepEqual(stored.selectedRepositoryIds, [1001, 1003]);
    });

    it("notices a selection changed behind its back, and restores it", async () => {
      const { id, outs } = await create("actions-organization-secret", { ...base, selectedRepositories: ["app"] });
      emulator().putSecretBehindBack(ORG, "SHARED", undefined, { visibility: "selected", selectedRepositoryIds: [1001, 1002, 1003] });
      const read = await operations.read("actions-organization-secret", id, outs);
      assert.deepEqual(read.props!.selectedRepositoryIds, [1001, 1002, 1003]);
      await update("actions-organization-secret", id, read.props!, { ...base, selectedRepositories: ["app"] });
      assert.deepEqual(emulator().getSecret(ORG, "SHARED")!.selectedRepositoryIds, [1001]);
    });

    it("defaults the visibility to private, and rejects a selection without `selected`", async () => {
      const inputs = await checked("actions-organization-variable", { org: "octo-org", variableName: "V", value: "x" });
      assert.equal(inputs.visibility, "private");
      const { failures } = await operations.check("actions-organization-secret", {}, { ...base, visibility: "all", selectedRepositories: ["app"] });
      assert.equal(failures![0]!.property, "selectedRepositories");
    });

    it("names the repository it could not find", async () => {
      await assert.rejects(create("actions-organization-secret", { ...base, selectedRepositories: ["app", "missing-repo"] }), /selectedRepositories\[1\]: repository "octo-org\/missing-repo" was not found/);
      assert.equal(emulator().getSecret(ORG, "SHARED"), undefined, "nothing written");
    });

    it("manages the authenticated user's Codespaces selection by repository name", async () => {
      const { outs } = await create("codespaces-user-secret", { secretName: "DOTFILES", value: "x", selectedRepositories: ["dotfiles"] });
      assert.deepEqual(outs.selectedRepositoryIds, [2001]);
      assert.deepEqual(emulator().getSecret({ app: "codespaces", user: true }, "DOTFILES")?.selectedRepositoryIds, [2001]);
    });
  });

  describe("variables", () => {
    it("adopts a variable that already exists, and recreates one deleted since the last refresh", async () => {
      emulator().putVariableBehindBack(REPO, "EXISTING", "made by hand");
      const { id, outs } = await create("actions-repository-variable", { owner: "octo-org", repository: "app", variableName: "EXISTING", value: "managed" });
      assert.equal(emulator().getVariable(REPO, "EXISTING")?.value, "managed");
      emulator().deleteVariableBehindBack(REPO, "EXISTING");
      await update("actions-repository-variable", id, outs, { owner: "octo-org", repository: "app", variableName: "EXISTING", value: "again" });
      assert.equal(emulator().getVariable(REPO, "EXISTING")?.value, "again");
    });

    it("changes an organization variable's value without touching its selection", async () => {
      const news = { org: "octo-org", variableName: "TEAM", value: "a", selectedRepositories: ["app"] };
      const { id, outs } = await create("actions-organization-variable", news);
      emulator().clearRequests();
      await update("actions-organization-variable", id, outs, { ...news, value: "b" });
      const stored = emulator().getVariable(ORG, "TEAM")!;
      assert.equal(stored.value, "b");
      assert.deepEqual(stored.selectedRepositoryIds, [1001]);
    });
  });

  describe("configuration", () => {
    it("takes the owner from github:owner when the resource has none", async () => {
      await configureProvider({ "github:owner": "octo-org" });
      const inputs = await checked("actions-repository-secret", { repository: "app", secretName: "X", value: "v" });
      assert.equal(inputs.owner, "octo-org");
    });

    it("lets values not known until deployment pass a preview's check, and checks the known ones", async () => {
      const { failures } = await operations.check("actions-organization-secret", {}, {
        org: UNKNOWN,
        secretName: "fine",
        value: UNKNOWN,
        visibility: UNKNOWN,
        selectedRepositories: [UNKNOWN, "bad/repo/name"],
      });
      assert.deepEqual(failures!.map((f) => f.property), ["selectedRepositories[1]"]);
    });

    it("names the missing owner and how to configure one", async () => {
      const { failures } = await operations.check("actions-repository-secret", {}, { repository: "app", secretName: "X", value: "v" });
      assert.match(failures![0]!.reason, /`owner` is required.*github:owner.*GITHUB_OWNER/);
    });

    it("refuses to write without a token, before any request", async () => {
      await withEnvironment({ GITHUB_TOKEN: undefined, GH_TOKEN: undefined }, async () => {
        await configureProvider({ "github:token": undefined });
        await assert.rejects(create("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "X", value: "v" }), (error: Error) => {
          assert.match(error.message, /needs a GitHub token.*github:token.*GITHUB_TOKEN/);
          assert.doesNotMatch(error.message, /recorded at the last/, "an up sees the current configuration");
          return true;
        });
        assert.equal(emulator().requests.length, 0);
      });
    });

    it("explains a destroy or refresh without a token: the configuration of the last up, and what to do", async () => {
      const { id, outs } = await create("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "KEPT", value: "v" });
      emulator().clearRequests();
      await withEnvironment({ GITHUB_TOKEN: undefined, GH_TOKEN: undefined }, async () => {
        // What the engine hands a destroy after the token moved from GITHUB_TOKEN into github:token.
        await configureProvider({ "github:token": undefined });
        const explained = (error: Error) => {
          assert.match(error.message, /^Deleting|^Reading/);
          assert.match(error.message, /needs a GitHub token or App/);
          assert.match(error.message, /this command runs with the configuration recorded at the last `pulumi up` \(Pulumi configures the provider of a delete or refresh from the state\)/);
          assert.match(error.message, /run `pulumi up` first to record it, or set GITHUB_TOKEN for this command/);
          return true;
        };
        await assert.rejects(operations.delete("actions-repository-secret", id, outs), explained);
        await assert.rejects(operations.read("actions-repository-secret", id, outs), explained);
      });
      assert.equal(emulator().requests.length, 0);
      assert.equal(emulator().getSecret(REPO, "KEPT")?.value, "v", "nothing deleted");
    });

    it("paces writes by githubSecrets:writeIntervalMs", async () => {
      const interval = 200;
      await configureProvider({ "githubSecrets:writeIntervalMs": String(interval) });
      // On the emulator's clock (performance.now()), by which it times requests.
      const begun = performance.timeOrigin + performance.now();
      await Promise.all(["P1", "P2", "P3"].map((name) => create("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: name, value: name })));
      const starts = routes("PUT", "/secrets/{secret_name}").map((r) => r.startedAt).sort((a, b) => a - b);
      assert.equal(starts.length, 3);
      // A lower bound only: a busy machine delays writes, never hastens them. The k-th write
      // leaves at least k intervals after the first could (gaps seen by the server can shrink
      // when the earlier write was slow to arrive). The 10% spared covers a timer that fires a
      // millisecond early and the pacing's Date.now() read against the emulator's clock.
      for (let k = 1; k < starts.length; k++) {
        const after = starts[k]! - begun;
        assert.ok(after >= 0.9 * k * interval, `write ${k + 1} ${Math.round(after)} ms after the start, not ${k} intervals of ${interval} ms`);
      }
    });
  });

  describe("errors and retries", () => {
    // A second of waiting (retry backoff, retry-after) lasts 20 ms here.
    beforeEach(() => configureProvider({}, { secondMs: 20 }));
    const news = { owner: "octo-org", repository: "app", secretName: "X", value: "the-plaintext-value" };

    it("retries a server error and succeeds", async () => {
      emulator().injectFault(faults.serverError({ method: "PUT", route: "/repos/{owner}/{repo}/actions/secrets/{secret_name}" }, 502));
      await create("actions-repository-secret", news);
      assert.equal(emulator().getSecret(REPO, "X")?.value, "the-plaintext-value");
      assert.equal(routes("PUT", "/secrets/{secret_name}").length, 2);
    });

    it("waits out a primary rate limit, then succeeds", async () => {
      emulator().injectFault(faults.primaryRateLimit({ method: "PUT" }, 1));
      await create("actions-repository-secret", news);
      assert.equal(emulator().getSecret(REPO, "X")?.value, "the-plaintext-value");
    });

    it("waits out a secondary rate limit (retry-after), then succeeds", async () => {
      emulator().injectFault(faults.secondaryRateLimit({ method: "PUT" }, 1));
      await create("actions-repository-secret", news);
      assert.equal(emulator().getSecret(REPO, "X")?.value, "the-plaintext-value");
    });

    it("records GitHub's timestamps even when reads lag behind the write", async () => {
      emulator().setReadAfterWriteMisses(2);
      const { outs } = await create("actions-repository-secret", news);
      assert.equal(outs.updatedAt, emulator().getSecret(REPO, "X")?.updatedAt);
    });

    const explained: [string, () => void, RegExp][] = [
      ["a missing permission", () => emulator().injectFault(faults.missingPermission({ method: "PUT" })), /may not manage this: a classic token needs the `repo` scope/],
      ["an unknown repository", () => {}, /not found \(404\): the repository does not exist, or the token cannot see it/],
      ["a conflict", () => emulator().injectFault({ method: "PUT", status: 409 }), /conflict \(409\)/],
    ];
    for (const [what, arrange, message] of explained) {
      it(`explains ${what} without the value or the token`, async () => {
        arrange();
        const target = what === "an unknown repository" ? { ...news, repository: "nope" } : news;
        await assert.rejects(create("actions-repository-secret", target), (error: Error) => {
          assert.match(error.message, message);
          assert.ok(!error.message.includes("the-plaintext-value"));
          assert.ok(!error.message.includes(emulator().token));
          return true;
        });
      });
    }

    // A rate limit that outlasts githubSecrets:maxRateLimitWaitSeconds: test/rate-limits.test.ts.

    it("explains an unreachable API", async () => {
      await configureProvider({ "github:baseUrl": "http://127.0.0.1:9" }, { secondMs: 20 });
      await assert.rejects(create("actions-repository-secret", news), /could not reach the GitHub API at http:\/\/127\.0\.0\.1:9/);
    });

    it("keeps the state when a delete fails, and counts 404 as deleted", async () => {
      const { id, outs } = await create("actions-repository-secret", news);
      emulator().injectFault({ method: "DELETE", status: 403, times: 1 });
      await assert.rejects(operations.delete("actions-repository-secret", id, outs), /403/);
      assert.equal(emulator().getSecret(REPO, "X")?.value, "the-plaintext-value");
      emulator().deleteSecretBehindBack(REPO, "X");
      await operations.delete("actions-repository-secret", id, outs);
    });
  });
});
