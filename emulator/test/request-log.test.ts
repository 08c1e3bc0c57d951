// The request log (method, raw path, route, status, body, a redacted header subset) and reset(),
// which clears it along with secrets, variables, faults, switches and the clock.

import assert from "node:assert/strict";
import type { Container } from "../index";
import { call, emu, sealedFor, useEmulator } from "./support";

describe("GitHub emulator: request log and reset", function () {
  useEmulator(this);

  it("records method, raw path, route, status, body and a header subset", async () => {
    const base = "/repos/octo-org/app/actions";
    const sealed = await sealedFor(base, "v");
    await call("PUT", `${base}/secrets/lower_case`, sealed, { headers: { "user-agent": "emulator-test" } });
    const put = emu.requests.at(-1)!;
    assert.equal(put.method, "PUT");
    assert.equal(put.path, `${base}/secrets/lower_case`);
    assert.equal(put.route, "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}");
    assert.equal(put.status, 201);
    assert.deepEqual(put.body, sealed);
    assert.equal(put.headers.authorization, "token [REDACTED]");
    assert.equal(put.headers["user-agent"], "emulator-test");
    assert.equal(JSON.stringify(emu.requests).includes(emu.token), false, "the token never lands in the log");
    await call("GET", "/nowhere?x=1");
    const lost = emu.requests.at(-1)!;
    assert.equal(lost.route, undefined);
    assert.equal(lost.status, 404);
    assert.equal(lost.query, "x=1");
    assert.equal(emu.countWrites(), 1);
    assert.equal(emu.countWrites({ route: "/repos/{owner}/{repo}/actions/secrets/{secret_name}" }), 1);
    emu.clearRequests();
    assert.equal(emu.requests.length, 0);
  });

  it("reset() returns to the seed state on the same port", async () => {
    const url = emu.url;
    const c: Container = { app: "actions", owner: "octo-org", repo: "app" };
    emu.putSecretBehindBack(c, "GONE", "x");
    emu.putVariableBehindBack(c, "GONE", "x");
    emu.injectFault({ path: "/user", status: 500 });
    emu.setReadAfterWriteMisses(5);
    emu.clock.set(new Date("2030-01-01T00:00:00Z"));
    emu.reset();
    assert.equal(emu.url, url);
    assert.equal(emu.listSecrets(c).length, 0);
    assert.equal(emu.listVariables(c).length, 0);
    assert.equal(emu.requests.length, 0);
    assert.equal((await call("GET", "/user")).status, 200, "faults cleared");
    await call("PUT", "/repos/octo-org/app/actions/secrets/NEW", await sealedFor("/repos/octo-org/app/actions", "v"));
    assert.equal((await call("GET", "/repos/octo-org/app/actions/secrets/NEW")).status, 200, "switch cleared");
    assert.ok(emu.getSecret(c, "NEW")!.createdAt < "2030", "clock back to real time");
  });
});
