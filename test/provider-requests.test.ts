import assert from "node:assert/strict";
import { provider as operations } from "./support/deployment";
import type { ResolvedInputs, ResolvedOutputs, ScopeKey } from "../provider/types";
import type { Container } from "../emulator";
import { configureProvider } from "./support/configure-provider";
import { emulator } from "./support/root-hooks";
import { scopeFixtures } from "./support/scope-fixtures";

/*
 * What GitHub sees: one write per changed item and no read-back; a refresh from one list per
 * container; stale reads that never become drift; writes one at a time while reads go on.
 */

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
  return (await operations.update(scope, id, olds, await checked(scope, news, olds))).outs!;
}

/** A new deployment (a new provider process): no cached keys, listings or clients. */
async function nextDeployment(): Promise<void> {
  await configureProvider();
  emulator().clearRequests();
}

const count = (method: string, suffix = "") => emulator().requests.filter((r) => r.method === method && (r.route ?? "").endsWith(suffix)).length;

/** What the item's container list shows right now, straight from the emulator's HTTP API. */
async function listed(id: string): Promise<{ updated_at: string; value?: string }> {
  const listPath = id.slice(0, id.lastIndexOf("/"));
  const response = await fetch(`${emulator().url}${listPath}?per_page=30`, { headers: { authorization: `token ${emulator().token}` } });
  const body = (await response.json()) as Record<string, { name: string; updated_at: string; value?: string }[]>;
  return Object.values(body).find(Array.isArray)!.find((item) => item.name === id.slice(id.lastIndexOf("/") + 1))!;
}

describe("provider requests", () => {
  beforeEach(() => configureProvider());

  describe("stale reads after a write never become drift", () => {
    for (const fixture of scopeFixtures) {
      it(`${fixture.key}: refresh during and after the stale window keeps our write`, async () => {
        const props = (value: string) => ({ ...fixture.inputs, [fixture.nameProperty]: "STALE_ITEM", value });
        const { id, outs } = await create(fixture.key, props("one"));
        emulator().setStaleReads(60_000);
        const updated = await update(fixture.key, id, outs, props("two"));
        const stale = await listed(id);
        assert.ok(stale.updated_at < updated.updatedAt, "the emulator serves the previous version");

        await nextDeployment();
        const during = await operations.read(fixture.key, id, updated);
        assert.deepEqual(during.props, updated, "a stale read changes nothing, not even the recorded updatedAt");

        emulator().endStaleReads();
        await nextDeployment();
        const after = await operations.read(fixture.key, id, during.props);
        assert.deepEqual(after.props, updated, "our own write is not drift");
        const diff = await operations.diff(fixture.key, id, after.props!, await checked(fixture.key, props("two"), after.props!));
        assert.equal(diff.changes, false, "the next up writes nothing");
      });
    }
  });

  describe("writes and reads per item", () => {
    const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
    const secret = (i: number, value = `v${i}`) => ({ owner: "octo-org", repository: "app", secretName: `S${i}`, value });

    it("creates 100 secrets of one repository with 100 writes and one key; changes them with 100 writes; refresh lists once", async () => {
      const created = await Promise.all(Array.from({ length: 100 }, (_, i) => create("actions-repository-secret", secret(i))));
      assert.equal(count("PUT"), 100, "one write per created item");
      assert.equal(count("GET"), 1, "one key for the repository, no read-back");
      for (const { outs } of created.slice(0, 3)) {
        const item = emulator().getSecret(REPO, String(outs.secretName));
        assert.ok(item);
        assert.deepEqual([outs.createdAt, outs.updatedAt], [item.createdAt, item.updatedAt]);
      }

      await nextDeployment();
      const reads = await Promise.all(created.map(({ id, outs }) => operations.read("actions-repository-secret", id, outs)));
      reads.forEach((read, i) => assert.deepEqual(read.props, created[i]!.outs));
      assert.equal(emulator().requests.length, 1, "one list request for 100 secrets");

      await nextDeployment();
      const changed = await Promise.all(created.map(({ id, outs }, i) => update("actions-repository-secret", id, outs, secret(i, `w${i}`))));
      assert.equal(count("PUT"), 100);
      assert.equal(count("GET"), 1);
      assert.equal(emulator().getSecret(REPO, "S99")!.value, "w99");

      await nextDeployment();
      const refreshed = await Promise.all(created.map(({ id }, i) => operations.read("actions-repository-secret", id, changed[i])));
      refreshed.forEach((read, i) => assert.deepEqual(read.props, changed[i]));
      assert.equal(emulator().requests.length, 1);
    });

    it("lists variables in pages of 30, and reads an item the list lacks with its own GET", async () => {
      const vars = await Promise.all(
        Array.from({ length: 35 }, (_, i) => create("actions-repository-variable", { owner: "octo-org", repository: "app", variableName: `V${i}`, value: `v${i}` })),
      );
      await nextDeployment();
      emulator().deleteVariableBehindBack(REPO, "V0");
      const first = await Promise.all(vars.slice(1).map(({ id, outs }) => operations.read("actions-repository-variable", id, outs)));
      first.forEach((read, i) => assert.deepEqual(read.props, vars[i + 1]!.outs));
      assert.deepEqual(emulator().requests.map((r) => r.query), ["per_page=30", "per_page=30&page=2"]);

      // Created again behind our back after this deployment listed the container.
      emulator().putVariableBehindBack(REPO, "V0", "changed");
      const again = await operations.read("actions-repository-variable", vars[0]!.id, vars[0]!.outs);
      assert.equal(again.props?.value, "changed");
      assert.equal(count("GET", "/variables/{name}"), 1, "one GET for the item the list lacked");
    });

    it("lists a container again after this deployment wrote to it", async () => {
      const a = await create("actions-repository-secret", secret(1));
      await nextDeployment();
      await operations.read("actions-repository-secret", a.id, a.outs);
      const b = await create("actions-repository-secret", secret(2));
      const read = await operations.read("actions-repository-secret", b.id, b.outs);
      assert.deepEqual(read.props, b.outs);
      assert.equal(count("GET", "/secrets"), 2);
      assert.equal(count("GET", "/secrets/{secret_name}"), 0);
    });

    it("asks for an organization item's selection only when the item changed since our write", async () => {
      const ORG: Container = { app: "actions", org: "octo-org" };
      const shared = { org: "octo-org", secretName: "SHARED", value: "v", visibility: "selected", selectedRepositories: ["app", "api"] };
      const { id, outs } = await create("actions-organization-secret", shared);
      await nextDeployment();
      assert.deepEqual((await operations.read("actions-organization-secret", id, outs)).props, outs);
      assert.equal(count("GET", "/repositories"), 0, "no request per item for an unchanged selection");

      emulator().putSecretBehindBack(ORG, "SHARED", undefined, { visibility: "selected", selectedRepositoryIds: [1001] });
      await nextDeployment();
      const read = await operations.read("actions-organization-secret", id, outs);
      assert.deepEqual(read.props?.selectedRepositoryIds, [1001]);
      assert.equal(count("GET", "/repositories"), 1);
    });
  });

  describe("the write queue", () => {
    it("sends writes one at a time, while key fetches and refresh reads do not wait behind them", async () => {
      const existing = await create("actions-repository-secret", { owner: "octo-org", repository: "web", secretName: "OLD", value: "x" });
      await nextDeployment();
      // Answers slower than the write interval: paced starts alone would let writes overlap.
      await configureProvider({ "githubSecrets:writeIntervalMs": "50" });
      emulator().setLatency(400);
      const inApp = ["A", "B", "C"].map((name) => create("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: name, value: name }));
      // Once the first write is in flight and two wait: a refresh read and another container's key.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await Promise.all([
        ...inApp,
        create("actions-repository-secret", { owner: "octo-org", repository: "api", secretName: "D", value: "d" }),
        operations.read("actions-repository-secret", existing.id, existing.outs),
      ]);
      const writes = emulator().requests.filter((r) => r.method === "PUT");
      const late = emulator().requests.filter((r) => r.method === "GET" && !r.path.startsWith("/repos/octo-org/app/"));
      assert.equal(writes.length, 4);
      assert.equal(late.length, 2, "the other key and the list");
      assert.equal(emulator().maxConcurrency({ method: "PUT" }), 1, "one write in flight at a time");
      const starts = writes.map((w) => w.startedAt).sort((a, b) => a - b);
      for (const read of late) assert.ok(read.startedAt < starts[1]!, `${read.path} waited behind a write`);
    });
  });
});
