// The emulator's clock: second-precision created_at/updated_at stamps that strictly increase per
// write, a clock tests can set and advance (reset() returns to real time), and Date headers that
// agree with the stamps.

import assert from "node:assert/strict";
import type { Container } from "../index";
import { call, emu, ISO_SECONDS, sealedFor, useEmulator } from "./support";

describe("GitHub emulator: clock and timestamps", function () {
  useEmulator(this);

  const base = "/repos/octo-org/app/actions";

  it("stamps second-precision timestamps from an injectable clock, strictly increasing per write", async () => {
    const c: Container = { app: "actions", owner: "octo-org", repo: "app" };
    emu.clock.set(new Date("2026-11-24T10:00:00.750Z"));
    await call("PUT", "/repos/octo-org/app/actions/secrets/T1", await sealedFor("/repos/octo-org/app/actions", "a"));
    await call("PUT", "/repos/octo-org/app/actions/secrets/T1", await sealedFor("/repos/octo-org/app/actions", "b"));
    emu.putSecretBehindBack(c, "T1", "c");
    const s = emu.getSecret(c, "T1")!;
    assert.equal(s.createdAt, "2026-11-24T10:00:00Z");
    assert.equal(s.updatedAt, "2026-11-24T10:00:02Z");
    emu.clock.advance(3_600_000);
    emu.putSecretBehindBack(c, "T1", "d");
    assert.equal(emu.getSecret(c, "T1")?.updatedAt, "2026-11-24T11:00:00Z");
    assert.equal(emu.clock.now().toISOString(), "2026-11-24T11:00:00.750Z");
    emu.reset();
    assert.ok(Math.abs(emu.clock.now().getTime() - Date.now()) < 5000, "reset returns to the real clock");
    emu.putSecretBehindBack(c, "R", "1");
    emu.putSecretBehindBack(c, "R", "2");
    const r = emu.getSecret(c, "R")!;
    assert.match(r.updatedAt, ISO_SECONDS);
    assert.ok(r.updatedAt > r.createdAt, "two writes within one real second still differ");
  });

  it("answers with a Date header from its own clock: a write's Date is its updated_at, later writes are stamped after it", async () => {
    const c: Container = { app: "actions", owner: "octo-org", repo: "app" };
    emu.clock.set(new Date("2031-05-06T07:08:09.900Z"));
    const created = await call("PUT", `${base}/secrets/DATED`, await sealedFor(base, "v"));
    assert.equal(created.headers.get("date"), "Tue, 06 May 2031 07:08:09 GMT");
    assert.equal(emu.getSecret(c, "DATED")!.updatedAt, "2031-05-06T07:08:09Z");
    // The clock stands still: the next write is stamped a second after the Date already sent.
    const updated = await call("PUT", `${base}/secrets/DATED`, await sealedFor(base, "w"));
    assert.equal(emu.getSecret(c, "DATED")!.updatedAt, "2031-05-06T07:08:10Z");
    assert.equal(updated.headers.get("date"), "Tue, 06 May 2031 07:08:10 GMT");
    assert.equal((await call("GET", "/user")).headers.get("date"), "Tue, 06 May 2031 07:08:10 GMT");
  });
});
