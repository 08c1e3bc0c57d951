import assert from "node:assert/strict";
import { provider as operations } from "./support/deployment";
import type { ResolvedOutputs } from "../provider/types";
import type { Container } from "../emulator";
import { configureProvider } from "./support/configure-provider";
import { checkedInputs, createVia, updateVia } from "./support/lifecycle";
import { emulator } from "./support/root-hooks";

/*
 * What one deployment remembers (repository ids, the user's login, public keys, its own
 * writes) and what it must not remember (failures); repository selections; refresh details.
 */

const ORG: Container = { app: "actions", org: "octo-org" };
const USER: Container = { app: "codespaces", user: true };
const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const orgSecret = (name: string, selectedRepositories: unknown[], extra: object = {}) => ({ org: "octo-org", secretName: name, value: "v", selectedRepositories, ...extra });
const requests = (method: string, path: string | RegExp) =>
  emulator().requests.filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)));

describe("one deployment: caches, selections and refresh", () => {
  beforeEach(() => configureProvider());

  describe("repository selections", () => {
    it("takes ids and numeric strings as ids, resolves names (any case) once, and sends each id once, sorted", async () => {
      const id = emulator().addRepository("octo-org", "12ab");
      const { outs } = await createVia("actions-organization-secret", orgSecret("A", ["web", "1002", 1001, "App", "12ab"]));
      assert.deepEqual(outs.selectedRepositoryIds, [1001, 1002, 1003, id].sort((a, b) => a - b));
      assert.deepEqual(emulator().getSecret(ORG, "A")?.selectedRepositoryIds, outs.selectedRepositoryIds);
      await createVia("actions-organization-secret", orgSecret("B", ["app", "octo-org/WEB"]));
      assert.deepEqual(
        emulator().requests.filter((r) => r.route === "GET /repos/{owner}/{repo}").map((r) => r.path).sort(),
        ["/repos/octo-org/12ab", "/repos/octo-org/App", "/repos/octo-org/web"],
        "one lookup per repository, whatever its case; none for ids",
      );
    });

    it("resolves the user's own repositories by the login GitHub reports, asked once", async () => {
      await createVia("codespaces-user-secret", { secretName: "A", value: "v", selectedRepositories: ["dotfiles"] });
      await createVia("codespaces-user-secret", { secretName: "B", value: "v", selectedRepositories: ["DOTFILES", "octo-org/app"] });
      assert.deepEqual(emulator().getSecret(USER, "B")?.selectedRepositoryIds, [1001, 2001]);
      assert.equal(requests("GET", "/user").length, 1);
      assert.equal(requests("GET", "/repos/octocat/dotfiles").length, 1);
    });

    it("does not remember a failed lookup of a repository, the user or a public key", async () => {
      emulator().injectFault({ method: "GET", path: "/repos/octo-org/app", status: 403 });
      await assert.rejects(createVia("actions-organization-secret", orgSecret("A", ["app"])), /403/);
      await createVia("actions-organization-secret", orgSecret("A", ["app"]));
      emulator().injectFault({ method: "GET", path: "/user", status: 403 });
      await assert.rejects(createVia("codespaces-user-secret", { secretName: "U", value: "v", selectedRepositories: ["dotfiles"] }), /403/);
      await createVia("codespaces-user-secret", { secretName: "U", value: "v", selectedRepositories: ["dotfiles"] });
      emulator().injectFault({ method: "GET", path: /\/secrets\/public-key$/, status: 403 });
      await assert.rejects(createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "K", value: "v" }), /403/);
      await createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "K", value: "v" });
      assert.equal(emulator().getSecret(REPO, "K")?.value, "v");
    });

    it("changes only a user secret's selection without sending the value, and notices one changed behind its back", async () => {
      const news = { secretName: "MINE", value: "kept", selectedRepositories: ["dotfiles"] };
      const { id, outs } = await createVia("codespaces-user-secret", news);
      emulator().clearRequests();
      const updated = await updateVia("codespaces-user-secret", id, outs, { ...news, selectedRepositories: ["dotfiles", "octo-org/api"] });
      assert.equal(requests("PUT", "/user/codespaces/secrets/MINE").length, 0, "the value was not sent again");
      assert.deepEqual(emulator().getSecret(USER, "MINE")?.selectedRepositoryIds, [1002, 2001]);
      assert.equal(emulator().getSecret(USER, "MINE")?.value, "kept");
      const unchanged = await operations.read("codespaces-user-secret", id, updated);
      assert.deepEqual(unchanged.props, updated);
      emulator().putSecretBehindBack(USER, "MINE", undefined, { selectedRepositoryIds: [2001] });
      const read = await operations.read("codespaces-user-secret", id, updated);
      assert.deepEqual([read.props?.selectedRepositoryIds, read.props?.selectedRepositories], [[2001], [2001]]);
    });

    it("writes visibility and selection together when both change, and drops the selection when leaving `selected`", async () => {
      const { id, outs } = await createVia("actions-organization-variable", { org: "octo-org", variableName: "V", value: "x", visibility: "all" });
      const selected = await updateVia("actions-organization-variable", id, outs, { org: "octo-org", variableName: "V", value: "x", visibility: "selected", selectedRepositories: ["api"] });
      assert.deepEqual([emulator().getVariable(ORG, "V")?.visibility, emulator().getVariable(ORG, "V")?.selectedRepositoryIds], ["selected", [1002]]);
      const priv = await updateVia("actions-organization-variable", id, selected, { org: "octo-org", variableName: "V", value: "x", visibility: "private" });
      assert.equal(emulator().getVariable(ORG, "V")?.visibility, "private");
      assert.equal(priv.selectedRepositoryIds, undefined);
      const put = emulator().requests.filter((r) => r.method === "PATCH").at(-1)!;
      assert.deepEqual(put.body, { name: "V", value: "x", visibility: "private" });
    });

    it("refreshes an organization item's visibility changed behind its back", async () => {
      const { id, outs } = await createVia("dependabot-organization-secret", { org: "octo-org", secretName: "D", value: "v", visibility: "private" });
      emulator().putSecretBehindBack({ app: "dependabot", org: "octo-org" }, "D", undefined, { visibility: "all" });
      const read = await operations.read("dependabot-organization-secret", id, outs);
      assert.equal(read.props?.visibility, "all");
      const diff = await operations.diff("dependabot-organization-secret", id, read.props!, await checkedInputs("dependabot-organization-secret", { org: "octo-org", secretName: "D", value: "v", visibility: "private" }));
      assert.equal(diff.changes, true);
    });
  });

  describe("refresh", () => {
    it("reads nothing without state, and drops a secret's value when the state has no timestamp", async () => {
      assert.deepEqual(await operations.read("actions-repository-secret", "/x", undefined), {});
      const { id, outs } = await createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "S", value: "v" });
      const { updatedAt: _, ...withoutTimestamp } = outs;
      const read = await operations.read("actions-repository-secret", id, withoutTimestamp as ResolvedOutputs);
      assert.equal(read.props?.value, undefined);
      assert.equal(read.props?.updatedAt, outs.updatedAt);
      assert.equal(read.id, id);
    });

    it("keeps the serialized provider out of outputs", async () => {
      const news = { owner: "octo-org", repository: "app", variableName: "P", value: "v", __provider: "serialized provider" };
      const { id, outs } = await createVia("actions-repository-variable", news);
      assert.equal("__provider" in outs, false);
      const read = await operations.read("actions-repository-variable", id, { ...outs, __provider: "serialized provider" } as ResolvedOutputs);
      assert.equal("__provider" in read.props!, false);
    });
  });

  describe("replacements within one deployment", () => {
    it("keeps an item another resource wrote under another letter case, and deletes what it wrote itself in a later deployment", async () => {
      const old = await createVia("actions-repository-variable", { owner: "octo-org", repository: "app", variableName: "SHARED", value: "old" });
      await createVia("actions-repository-variable", { owner: "Octo-Org", repository: "APP", variableName: "shared", value: "new" });
      await operations.delete("actions-repository-variable", old.id, old.outs);
      assert.equal(emulator().getVariable(REPO, "SHARED")?.value, "new");

      await configureProvider(); // the next deployment
      const mine = await createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "MINE", value: "v" });
      await configureProvider(); // the next deployment: it wrote nothing yet
      await operations.delete("actions-repository-secret", mine.id, mine.outs);
      assert.equal(emulator().getSecret(REPO, "MINE"), undefined);
    });
  });

  describe("client", () => {
    it("identifies itself to GitHub and rejects a public key that is not 32 bytes", async () => {
      emulator().injectFault({ method: "GET", path: /\/secrets\/public-key$/, status: 200, body: { key_id: "k", key: Buffer.alloc(31).toString("base64") } });
      await assert.rejects(
        createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "K", value: "v" }),
        /GitHub returned a public key of 31 bytes; a sealed box needs a 32-byte X25519 key/,
      );
      assert.match(emulator().requests[0]!.headers["user-agent"] ?? "", /^pulumi-github-secrets /);
      assert.equal(emulator().getSecret(REPO, "K"), undefined);
    });

    it("asks for an unknown scope by name", async () => {
      await assert.rejects(operations.check("nope" as never, {}, {}), /Unknown scope "nope"/);
    });
  });
});
