// Eventual consistency on demand: a new secret or variable hidden from GET for a time window or
// for the next K GETs, and stale reads, where GET and the lists show the version before an update
// until the window ends.

import assert from "node:assert/strict";
import type { Container } from "../index";
import { call, emu, sealedFor, sleep, useEmulator } from "./support";

describe("GitHub emulator: eventual consistency", function () {
  useEmulator(this);

  const base = "/repos/octo-org/app/actions";

  it("hides a newly created secret from GET for a time window", async () => {
    emu.setReadAfterWriteDelay(150);
    assert.equal((await call("PUT", `${base}/secrets/EC`, await sealedFor(base, "v"))).status, 201);
    assert.equal((await call("GET", `${base}/secrets/EC`)).status, 404);
    assert.ok(emu.getSecret({ app: "actions", owner: "octo-org", repo: "app" }, "EC"), "it is stored");
    await sleep(200);
    assert.equal((await call("GET", `${base}/secrets/EC`)).status, 200);
  });

  it("hides a newly created secret or variable from the next K GETs", async () => {
    emu.setReadAfterWriteMisses(2);
    await call("PUT", `${base}/secrets/EC2`, await sealedFor(base, "v"));
    assert.deepEqual(
      [
        (await call("GET", `${base}/secrets/EC2`)).status,
        (await call("GET", `${base}/secrets/EC2`)).status,
        (await call("GET", `${base}/secrets/EC2`)).status,
      ],
      [404, 404, 200],
    );
    await call("POST", `${base}/variables`, { name: "EV", value: "x" });
    assert.equal((await call("GET", `${base}/variables/EV`)).status, 404);
    assert.equal((await call("GET", `${base}/variables/EV`)).status, 404);
    assert.equal((await call("GET", `${base}/variables/EV`)).status, 200);
    // updates are not hidden
    assert.equal((await call("PUT", `${base}/secrets/EC2`, await sealedFor(base, "w"))).status, 204);
    assert.equal((await call("GET", `${base}/secrets/EC2`)).status, 200);
  });

  it("stale reads: after an update, GET and the list show the previous version until the window ends", async () => {
    const c: Container = { app: "actions", owner: "octo-org", repo: "app" };
    await call("PUT", `${base}/secrets/OLD`, await sealedFor(base, "v1"));
    await call("POST", `${base}/variables`, { name: "OLDV", value: "v1" });
    const before = { secret: emu.getSecret(c, "OLD")!.updatedAt, variable: emu.getVariable(c, "OLDV")!.updatedAt };
    emu.setStaleReads(60_000);
    await call("PUT", `${base}/secrets/OLD`, await sealedFor(base, "v2"));
    await call("PATCH", `${base}/variables/OLDV`, { value: "v2" });
    await call("PATCH", `${base}/variables/OLDV`, { value: "v3" });
    assert.ok(emu.getSecret(c, "OLD")!.updatedAt > before.secret, "the write landed");
    assert.equal((await call("GET", `${base}/secrets/OLD`)).body.updated_at, before.secret);
    assert.equal((await call("GET", `${base}/secrets`)).body.secrets[0].updated_at, before.secret);
    // A replica lagging behind two writes shows the version before the first.
    const variable = (await call("GET", `${base}/variables/OLDV`)).body;
    assert.deepEqual([variable.value, variable.updated_at], ["v1", before.variable]);
    assert.equal((await call("GET", `${base}/variables`)).body.variables[0].value, "v1");
    emu.endStaleReads();
    assert.equal((await call("GET", `${base}/secrets/OLD`)).body.updated_at, emu.getSecret(c, "OLD")!.updatedAt);
    assert.equal((await call("GET", `${base}/variables/OLDV`)).body.value, "v3");
  });
});
