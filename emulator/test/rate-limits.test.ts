// The emulated secondary rate limits on writes: too many at once, too close together, and
// GitHub's content-creation limit per window, each refused with 403 and retry-after.

import assert from "node:assert/strict";
import { GITHUB_CONTENT_CREATION_LIMITS } from "../index";
import { call, emu, sealedFor, useEmulator } from "./support";

describe("GitHub emulator: secondary rate limits", function () {
  useEmulator(this);

  it("emulates the secondary rate limit on concurrent or hurried writes", async () => {
    const base = "/repos/octo-org/app/actions";
    const sealed = await sealedFor(base, "v");
    emu.setLatency(40);
    emu.setSecondaryRateLimit({ maxConcurrentWrites: 1, retryAfterSeconds: 2 });
    const parallel = await Promise.all(["P1", "P2", "P3"].map((n) => call("PUT", `${base}/secrets/${n}`, sealed)));
    const refused = parallel.filter((r) => r.status === 403);
    assert.ok(refused.length >= 1, `some writes refused: ${parallel.map((r) => r.status).join(",")}`);
    assert.ok(parallel.some((r) => r.status === 201));
    assert.match(refused[0]!.body.message, /secondary rate limit/);
    assert.equal(refused[0]!.headers.get("retry-after"), "2");
    for (const n of ["S1", "S2", "S3"]) assert.equal((await call("PUT", `${base}/secrets/${n}`, sealed)).status, 201);
    assert.equal(emu.maxConcurrency({ method: "PUT", fault: false }), 1);
    assert.equal(emu.countWrites({ fault: true }), refused.length);

    emu.setLatency(0);
    emu.setSecondaryRateLimit({ minWriteIntervalMs: 10_000 });
    assert.equal((await call("PUT", `${base}/secrets/I1`, sealed)).status, 201);
    assert.equal((await call("PUT", `${base}/secrets/I2`, sealed)).status, 403);
    assert.equal((await call("GET", `${base}/secrets`)).status, 200, "reads are not limited");
  });

  it("emulates the content-creation limit: writes beyond N per window get 403 with retry-after until the window has room", async () => {
    const base = "/repos/octo-org/app/actions";
    const sealed = await sealedFor(base, "v");
    emu.setContentCreationLimit([{ count: 3, windowMs: 1500 }]);
    const firstAt = Date.now();
    assert.equal((await call("PUT", `${base}/secrets/C1`, sealed)).status, 201);
    assert.equal((await call("POST", `${base}/variables`, { name: "C2", value: "v" })).status, 201);
    assert.equal((await call("DELETE", `${base}/secrets/C1`)).status, 204, "every write counts, deletes too");
    const refused = await call("PUT", `${base}/secrets/C3`, sealed);
    assert.equal(refused.status, 403);
    assert.match(refused.body.message, /exceeded a secondary rate limit and have been temporarily blocked from content creation/);
    const retryAfter = Number(refused.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 2, `retry-after ${retryAfter}`);
    assert.ok(Date.now() + retryAfter * 1000 >= firstAt + 1500, "retry-after reaches the moment the first write leaves the window");
    assert.equal((await call("GET", `${base}/secrets`)).status, 200, "reads are not limited");
    assert.equal(emu.getSecret({ app: "actions", owner: "octo-org", repo: "app" }, "C3"), undefined, "a refused write changes nothing");

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    assert.equal((await call("PUT", `${base}/secrets/C3`, sealed)).status, 201, "room again; the refusal did not count");
  });

  it("applies every content-creation window (GitHub: per minute and per hour), and reset() lifts it", async () => {
    assert.deepEqual(GITHUB_CONTENT_CREATION_LIMITS, [{ count: 80, windowMs: 60_000 }, { count: 500, windowMs: 3_600_000 }]);
    const base = "/repos/octo-org/app/actions";
    const sealed = await sealedFor(base, "v");
    emu.setContentCreationLimit([{ count: 2, windowMs: 300 }, { count: 3, windowMs: 60_000 }]);
    for (const n of ["W1", "W2"]) assert.equal((await call("PUT", `${base}/secrets/${n}`, sealed)).status, 201);
    const short = await call("PUT", `${base}/secrets/W3`, sealed);
    assert.deepEqual([short.status, short.headers.get("retry-after")], [403, "1"], "the short window is full");
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.equal((await call("PUT", `${base}/secrets/W3`, sealed)).status, 201);
    const long = await call("PUT", `${base}/secrets/W4`, sealed);
    assert.equal(long.status, 403, "the long window is full");
    assert.ok(Number(long.headers.get("retry-after")) >= 59, `retry-after ${long.headers.get("retry-after")}`);

    emu.reset();
    assert.equal((await call("PUT", `${base}/secrets/W4`, sealed)).status, 201);
    assert.throws(() => emu.setContentCreationLimit([{ count: 0, windowMs: 1000 }]), /invalid content-creation window/);
  });
});
