import assert from "node:assert/strict";
import { createServer, request as forward, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { provider as operations } from "../support/deployment";
import { configureProvider } from "../support/configure-provider";
import { createVia, updateVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";
import { scopeFixtures, type ScopeFixture } from "../support/scope-fixtures";

/*
 * When a write happened, as the outputs record it: the write response's `Date`, or, when
 * that header is missing or the item existed before this resource, a read-back of the item;
 * the write journal knows of the write before its time is known; a delete makes the next
 * refresh list the container again.
 */

const WRITE_METHODS = new Set(["PUT", "POST", "PATCH", "DELETE"]);

/** A proxy in front of the emulator, as a corporate proxy may be: it can drop the `Date` of write responses and hold requests. */
interface Proxy {
  readonly url: string;
  close(): Promise<void>;
}

function startProxy(options: { dropWriteDates?: boolean; hold?: (request: IncomingMessage) => Promise<void> | undefined }): Promise<Proxy> {
  const target = new URL(emulator().url);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      await options.hold?.(req);
      const upstream = forward({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
        const headers = { ...answer.headers };
        if (options.dropWriteDates && WRITE_METHODS.has(req.method!)) {
          delete headers.date;
          res.sendDate = false;
        }
        res.writeHead(answer.statusCode!, headers);
        answer.pipe(res);
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

function stored(fixture: ScopeFixture, name: string) {
  return fixture.kind === "secret" ? emulator().getSecret(fixture.container, name) : emulator().getVariable(fixture.container, name);
}

const sent = () => emulator().requests.map((r) => `${r.method} ${r.path}`);

describe("write: stamps, the write journal and listings", () => {
  let proxy: Proxy | undefined;
  beforeEach(() => configureProvider());
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (value: string) => ({ ...fixture.inputs, [fixture.nameProperty]: "STAMPED", value });

      it("a write response without a Date: the item is read back for both stamps; an update keeps its createdAt", async () => {
        proxy = await startProxy({ dropWriteDates: true });
        await configureProvider({ "github:baseUrl": proxy.url });
        const { id, outs } = await createVia(fixture.key, props("one"));
        assert.equal(sent().at(-1), `GET ${id}`, "read back after the write");
        const created = stored(fixture, "STAMPED")!;
        assert.deepEqual([outs.createdAt, outs.updatedAt], [created.createdAt, created.updatedAt]);

        emulator().clearRequests();
        const updated = await updateVia(fixture.key, id, outs, props("two"));
        assert.equal(sent().at(-1), `GET ${id}`);
        const item = stored(fixture, "STAMPED")!;
        assert.equal(item.value, "two");
        assert.ok(item.updatedAt > created.updatedAt);
        assert.deepEqual([updated.createdAt, updated.updatedAt], [created.createdAt, item.updatedAt]);
      });
    });
  }

  for (const fixture of scopeFixtures.filter((f) => f.kind === "secret")) {
    it(`${fixture.key}: a secret that existed before is adopted; createdAt is read back, updatedAt is the write's Date even when the read is stale`, async () => {
      emulator().putSecretBehindBack(fixture.container, "STAMPED", "by hand", fixture.inputs.org ? { visibility: "private" } : undefined);
      const before = emulator().getSecret(fixture.container, "STAMPED")!;
      emulator().setStaleReads(60_000);
      const { id, outs } = await createVia(fixture.key, { ...fixture.inputs, secretName: "STAMPED", value: "ours" });
      assert.equal(sent().at(-1), `GET ${id}`, "read back: createdAt is not ours to know");
      const item = emulator().getSecret(fixture.container, "STAMPED")!;
      assert.equal(item.value, "ours");
      assert.ok(item.updatedAt > before.updatedAt, "the stale read showed the older updated_at");
      assert.deepEqual([outs.createdAt, outs.updatedAt], [before.createdAt, item.updatedAt]);
    });
  }

  it("the journal knows of a write before its time does: a replaced resource's delete during the read-back spares the item", async () => {
    const fixture = scopeFixtures.find((f) => f.key === "actions-repository-secret")!;
    const props = (value: string) => ({ ...fixture.inputs, secretName: "HANDED_OVER", value });
    const old = await createVia(fixture.key, props("old"));

    // The next deployment: the replacement writes the same secret (204: it exists, so it is read back).
    let reachedReadBack!: () => void;
    const readBack = new Promise<void>((resolve) => (reachedReadBack = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    proxy = await startProxy({
      hold: (req) => {
        if (req.method !== "GET" || req.url !== old.id) return undefined;
        reachedReadBack();
        return released;
      },
    });
    await configureProvider({ "github:baseUrl": proxy.url });
    emulator().clearRequests();
    const replacement = createVia(fixture.key, props("new"));
    await readBack;
    await operations.delete(fixture.key, old.id, old.outs);
    release();
    const { outs } = await replacement;

    assert.deepEqual(sent().slice(1), [`PUT ${old.id}`, `GET ${old.id}`], "the key, the write, its read-back: no DELETE");
    const item = emulator().getSecret(fixture.container, "HANDED_OVER")!;
    assert.deepEqual([item.value, outs.updatedAt], ["new", item.updatedAt]);
  });

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: after a delete, a refresh lists the container again`, async () => {
      const props = (name: string) => ({ ...fixture.inputs, [fixture.nameProperty]: name, value: `value of ${name}` });
      const kept = await createVia(fixture.key, props("KEPT"));
      const gone = await createVia(fixture.key, props("GONE"));
        await configureProvider();
      // This refresh lists the container, GONE included.
      assert.deepEqual((await operations.read(fixture.key, kept.id, kept.outs)).props, kept.outs);
      await operations.delete(fixture.key, gone.id, gone.outs);
      assert.equal(stored(fixture, "GONE"), undefined);
      assert.deepEqual(await operations.read(fixture.key, gone.id, gone.outs), {}, "deleted: the listing from before the delete is not used");
    });
  }
});
