// Authentication with the emulator's token (token and Bearer schemes, 401 otherwise), and the
// headers GitHub sends: content type, API version, request id, rate-limit counters.

import assert from "node:assert/strict";
import { call, emu, useEmulator } from "./support";

describe("GitHub emulator: authentication and headers", function () {
  useEmulator(this);

  it("answers 401 without the right token, and accepts token and Bearer schemes", async () => {
    let r = await call("GET", "/user", undefined, { auth: null });
    assert.equal(r.status, 401);
    assert.equal(r.body.message, "Requires authentication");
    r = await call("GET", "/repos/octo-org/app/actions/secrets", undefined, { auth: "token wrong" });
    assert.equal(r.status, 401);
    assert.deepEqual(r.body, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
    r = await call("GET", "/user", undefined, { auth: `Bearer ${emu.token}` });
    assert.equal(r.status, 200);
    assert.equal(r.body.login, "octocat");
  });

  it("sends GitHub's headers", async () => {
    const r = await call("GET", "/repos/octo-org/app/actions/secrets");
    assert.equal(r.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(r.headers.get("x-github-api-version-selected"), "2022-11-28");
    assert.match(r.headers.get("x-github-request-id") ?? "", /^[0-9A-F]{4}(:[0-9A-F]{4}){4}$/);
    assert.equal(r.headers.get("x-ratelimit-limit"), "5000");
    assert.equal(r.headers.get("x-ratelimit-resource"), "core");
    const remaining = Number(r.headers.get("x-ratelimit-remaining"));
    const r2 = await call("GET", "/user");
    assert.equal(Number(r2.headers.get("x-ratelimit-remaining")), remaining - 1);
    assert.ok(Number(r2.headers.get("x-ratelimit-reset")) > Date.now() / 1000);
    const pinned = await call("GET", "/user", undefined, { headers: { "x-github-api-version": "2022-11-28" } });
    assert.equal(pinned.status, 200);
    assert.equal((await call("GET", "/user", undefined, { headers: { "x-github-api-version": "1999-01-01" } })).status, 400);
  });
});
