import assert from "node:assert/strict";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { faults, type Container } from "../../emulator";
import { Deployment } from "../../provider/deployment/deployment";
import type { ProviderConfiguration, ResolvedInputs, ScopeKey } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { createVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";
import { provider as operations } from "../support/deployment";

/*
 * The connection's clients: the read that follows a write retries GitHub's 404s of an item
 * not yet visible, sooner than the backoff of 5xx, and nothing else another try cannot change;
 * no request log on stderr; one set of clients per deployment.
 */

const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const path = (name: string) => `/repos/octo-org/app/actions/secrets/${name}`;
const gets = (name: string) => emulator().requests.filter((r) => r.method === "GET" && r.path === path(name));

/** Creating a secret that already exists: GitHub's 204 says nothing of when it was created, so its GET follows. */
async function createExisting(name: string) {
  emulator().putSecretBehindBack(REPO, name, "the-old-value");
  return createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: name, value: "the-new-value" });
}

const configuration = (): ProviderConfiguration => ({ token: emulator().token, baseUrl: emulator().url, writeIntervalMs: 0, maxRateLimitWaitSeconds: 600 });

describe("GitHub clients: the read after a write, the request log, one set per deployment", function () {
  this.timeout(30_000);

  beforeEach(() => configureProvider());

  it("reads an item back after a write through five 404s, and records GitHub's created_at", async () => {
    await configureProvider({}, { secondMs: 20 });
    emulator().injectFault({ method: "GET", path: path("LAGGING"), status: 404, times: 5 });
    const { outs } = await createExisting("LAGGING");
    assert.deepEqual(gets("LAGGING").map((r) => r.status), [404, 404, 404, 404, 404, 200]);
    assert.equal(outs.createdAt, emulator().getSecret(REPO, "LAGGING")?.createdAt);
    assert.equal(emulator().getSecret(REPO, "LAGGING")?.value, "the-new-value");
  });

  for (const status of [403, 422]) {
    it(`asks once when the read after a write is refused with ${status}, which another try cannot change`, async () => {
      await configureProvider({}, { secondMs: 20 });
      emulator().injectFault({ method: "GET", path: path("REFUSED"), status, times: Infinity });
      await assert.rejects(createExisting("REFUSED"), new RegExp(`\\(${status}\\)`));
      assert.equal(gets("REFUSED").length, 1);
    });
  }

  it("retries the read after a write sooner than a server error: a fifth of the backoff", async () => {
    // A second of backoff lasts 300 ms: the read after a write tries again after 60 ms, a 502 after 300 ms.
    for (const name of ["LAGGING", "FAILING"]) emulator().putSecretBehindBack(REPO, name, "a-value");
    emulator().injectFault({ method: "GET", path: path("LAGGING"), status: 404, times: 1 });
    emulator().injectFault(faults.serverError({ method: "GET", path: path("FAILING"), times: 1 }, 502));
    const { clients } = new Deployment(configuration(), { secondMs: 300 });
    await Promise.all([clients.afterWrite.request({ method: "GET", url: path("LAGGING") }), clients.api.request({ method: "GET", url: path("FAILING") })]);
    const [lagging, failing] = [gets("LAGGING"), gets("FAILING")];
    assert.deepEqual([lagging.map((r) => r.status), failing.map((r) => r.status)], [[404, 200], [502, 200]]);
    assert.ok(lagging[1]!.startedAt < failing[1]!.startedAt, "the 404 was retried after the 502, whose backoff is five times as long");
  });

  it("keeps reads from queuing behind paced writes: writes reach plugin-throttling's pool of ten one interval apart", async () => {
    // Fourteen writes at once, 150 ms apart: were they all let into the pool of ten concurrent
    // requests, ten would sit there waiting for their turns, and the read behind four more.
    const { clients } = new Deployment({ ...configuration(), writeIntervalMs: 150 });
    const variables = "/repos/octo-org/app/actions/variables";
    const writes = Array.from({ length: 14 }, (_, i) => clients.api.request({ method: "POST", url: variables, name: `PACED_${i}`, value: "v" }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await clients.api.request({ method: "GET", url: variables });
    await Promise.all(writes);
    const posts = emulator().requests.filter((r) => r.method === "POST" && r.path === variables);
    const [read] = emulator().requests.filter((r) => r.method === "GET" && r.path === variables);
    assert.equal(posts.length, 14);
    assert.ok(read!.startedAt < posts[1]!.startedAt, `the read started ${Math.round(read!.startedAt - posts[1]!.startedAt)} ms after the second write`);
  });

  it("sends writes one after another over a kept-alive connection, as to GitHub: 40 writes, at most 2 connections", async () => {
    // A connection per request costs a TCP (on GitHub, a TLS) handshake on both sides. Node's
    // fetch keeps a connection for the server's Keep-Alive hint less one second, so an
    // emulator hinting one second made every request open a new connection.
    const { clients } = new Deployment(configuration());
    await clients.api.request({ method: "GET", url: path("WARM") }).catch(() => {});
    let opened = 0;
    const count = () => void opened++;
    subscribe("net.client.socket", count);
    try {
      for (let i = 0; i < 40; i++) await clients.api.request({ method: "DELETE", url: path(`KEPT_${i}`) }).catch(() => {});
    } finally {
      unsubscribe("net.client.socket", count);
    }
    assert.ok(opened <= 2, `40 writes opened ${opened} connections`);
  });

  it("prints no request log when a request fails", async () => {
    const printed: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => printed.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      await assert.rejects(createVia("actions-repository-secret", { owner: "octo-org", repository: "nope", secretName: "X", value: "a-value" }), /not found \(404\)/);
    } finally {
      process.stderr.write = write;
    }
    assert.deepEqual(printed, []);
  });

  it("makes one set of clients per deployment, on first use", () => {
    const deployment = new Deployment(configuration());
    assert.equal(deployment.clients, deployment.clients, "one write queue and rate-limit state for every resource");
    assert.notEqual(new Deployment(configuration()).clients, deployment.clients, "a new deployment starts afresh");
  });
});

/*
 * The write queue seen from GitHub: writes one at a time, while key fetches and refresh
 * reads do not wait behind them.
 */

describe("GitHub clients: the write queue", () => {
  beforeEach(() => configureProvider());

  async function checked(scope: ScopeKey, news: Record<string, unknown>, olds: object = {}): Promise<ResolvedInputs> {
    const result = await operations.check(scope, olds as never, news);
    assert.deepEqual(result.failures, []);
    return result.inputs as ResolvedInputs;
  }

  async function create(scope: ScopeKey, news: Record<string, unknown>) {
    const created = await operations.create(scope, await checked(scope, news));
    return { id: created.id, outs: created.outs! };
  }

  /** A new deployment (a new provider process): no cached keys, listings or clients. */
  async function nextDeployment(): Promise<void> {
    await configureProvider();
    emulator().clearRequests();
  }

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

/*
 * githubSecrets:writeIntervalMs paces writes: the k-th write leaves at least k intervals after
 * the first could.
 */

describe("GitHub clients: writes paced by githubSecrets:writeIntervalMs", () => {
  beforeEach(() => configureProvider());

  const routes = (method: string, suffix: string) =>
    emulator().requests.filter((r) => r.method === method && r.route?.endsWith(suffix));

  it("paces writes by githubSecrets:writeIntervalMs", async () => {
    const interval = 200;
    await configureProvider({ "githubSecrets:writeIntervalMs": String(interval) });
    // On the emulator's clock (performance.now()), by which it times requests.
    const begun = performance.timeOrigin + performance.now();
    await Promise.all(["P1", "P2", "P3"].map((name) => createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: name, value: name })));
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

/*
 * What another try can mend: a server error is retried, a primary or secondary rate limit
 * waited out, and reads that lag behind a write still record GitHub's timestamps.
 */

describe("GitHub clients: server errors retried, rate limits waited out", () => {
  // A second of waiting (retry backoff, retry-after) lasts 20 ms here.
  beforeEach(() => configureProvider({}, { secondMs: 20 }));

  const news = { owner: "octo-org", repository: "app", secretName: "X", value: "the-plaintext-value" };
  const routes = (method: string, suffix: string) =>
    emulator().requests.filter((r) => r.method === method && r.route?.endsWith(suffix));

  it("retries a server error and succeeds", async () => {
    emulator().injectFault(faults.serverError({ method: "PUT", route: "/repos/{owner}/{repo}/actions/secrets/{secret_name}" }, 502));
    await createVia("actions-repository-secret", news);
    assert.equal(emulator().getSecret(REPO, "X")?.value, "the-plaintext-value");
    assert.equal(routes("PUT", "/secrets/{secret_name}").length, 2);
  });

  it("waits out a primary rate limit, then succeeds", async () => {
    emulator().injectFault(faults.primaryRateLimit({ method: "PUT" }, 1));
    await createVia("actions-repository-secret", news);
    assert.equal(emulator().getSecret(REPO, "X")?.value, "the-plaintext-value");
  });

  it("waits out a secondary rate limit (retry-after), then succeeds", async () => {
    emulator().injectFault(faults.secondaryRateLimit({ method: "PUT" }, 1));
    await createVia("actions-repository-secret", news);
    assert.equal(emulator().getSecret(REPO, "X")?.value, "the-plaintext-value");
  });

  it("records GitHub's timestamps even when reads lag behind the write", async () => {
    emulator().setReadAfterWriteMisses(2);
    const { outs } = await createVia("actions-repository-secret", news);
    assert.equal(outs.updatedAt, emulator().getSecret(REPO, "X")?.updatedAt);
  });
});
