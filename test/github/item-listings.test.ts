import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import { checkedInputs, createVia } from "../support/lifecycle";
import { configureProvider } from "../support/configure-provider";
import { emulator } from "../support/root-hooks";
import { scopeFixtures } from "../support/scope-fixtures";
import type { Container } from "../../emulator";
import type { ResolvedOutputs, ScopeKey } from "../../provider/types";

/*
 * A container's listing that failed is not kept, for every scope: the refresh that met the
 * failure fails, and the next read lists the container again and finds the item.
 */

describe("item listings: a failed listing is asked for again", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: the read after a failed listing lists again and finds the item`, async () => {
      const { id, outs } = await createVia(fixture.key, { ...fixture.inputs, [fixture.nameProperty]: "LISTED", value: "v" });
      const listing = { method: "GET", path: /\/(secrets|variables)$/ };
      const fault = emulator().injectFault({ ...listing, status: 403, times: Infinity, body: { message: "Resource not accessible by integration" } });
      await assert.rejects(operations.read(fixture.key, id, outs), /Resource not accessible by integration/);
      fault.cancel();
      emulator().clearRequests();
      const read = await operations.read(fixture.key, id, outs);
      assert.equal(read.id, id);
      assert.equal(read.props?.updatedAt, outs.updatedAt);
      assert.equal(emulator().findRequests(listing).length, 1, "listed again");
    });
  }
});

/*
 * What GitHub sees of many items: one write per changed item and no read-back; a refresh from
 * one list per container, in pages of 30, listed again after this deployment wrote to it; an
 * organization item's selection asked for only when the item changed since our write.
 */

describe("item listings: one list per container, one write per item", () => {
  beforeEach(() => configureProvider());

  /** check and update without diff: an update the engine would send for any change. */
  async function update(scope: ScopeKey, id: string, olds: ResolvedOutputs, news: Record<string, unknown>) {
    return (await operations.update(scope, id, olds, await checkedInputs(scope, news, olds))).outs!;
  }

  /** A new deployment (a new provider process): no cached keys, listings or clients. */
  async function nextDeployment(): Promise<void> {
    await configureProvider();
    emulator().clearRequests();
  }

  const count = (method: string, suffix = "") => emulator().requests.filter((r) => r.method === method && (r.route ?? "").endsWith(suffix)).length;

  const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
  const secret = (i: number, value = `v${i}`) => ({ owner: "octo-org", repository: "app", secretName: `S${i}`, value });

  it("creates 100 secrets of one repository with 100 writes and one key; changes them with 100 writes; refresh lists once", async () => {
    const created = await Promise.all(Array.from({ length: 100 }, (_, i) => createVia("actions-repository-secret", secret(i))));
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
      Array.from({ length: 35 }, (_, i) => createVia("actions-repository-variable", { owner: "octo-org", repository: "app", variableName: `V${i}`, value: `v${i}` })),
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
    const a = await createVia("actions-repository-secret", secret(1));
    await nextDeployment();
    await operations.read("actions-repository-secret", a.id, a.outs);
    const b = await createVia("actions-repository-secret", secret(2));
    const read = await operations.read("actions-repository-secret", b.id, b.outs);
    assert.deepEqual(read.props, b.outs);
    assert.equal(count("GET", "/secrets"), 2);
    assert.equal(count("GET", "/secrets/{secret_name}"), 0);
  });

  it("asks for an organization item's selection only when the item changed since our write", async () => {
    const ORG: Container = { app: "actions", org: "octo-org" };
    const shared = { org: "octo-org", secretName: "SHARED", value: "v", visibility: "selected", selectedRepositories: ["app", "api"] };
    const { id, outs } = await createVia("actions-organization-secret", shared);
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

/*
 * A refresh from a container's listing, for every scope in a repository: an item of the same
 * name in another repository or environment is never taken for this one.
 */

describe("item listings: an item is never taken from another container", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures.filter((f) => "repository" in f.inputs)) {
    it(`${fixture.key}: refresh never takes an item of another container for this one`, async () => {
      const other = "environment" in fixture.inputs ? { environment: "production" } : { repository: "api" };
      const props = (name: string, value: string, where: object = {}) => ({ ...fixture.inputs, ...where, [fixture.nameProperty]: name, value });
      const there = await createVia(fixture.key, props("TWIN", "there", other));
      const here = await createVia(fixture.key, props("ONE", "here"));
      await createVia(fixture.key, props("TWIN", "here"));
      await operations.read(fixture.key, here.id, here.outs);
      assert.deepEqual((await operations.read(fixture.key, there.id, there.outs)).props, there.outs);
    });
  }
});
