// Fault injection: the next matching request(s) fail with a status, body, headers or delay of the
// test's choosing, GitHub's own failures are ready-made (rate limits, missing permission, not
// visible, server errors) and recognised by @octokit/plugin-throttling, and echo mode repeats the
// request into error bodies.

import assert from "node:assert/strict";
import { faults } from "../index";
import { call, emu, quiet, sealedFor, useEmulator } from "./support";

describe("GitHub emulator: fault injection", function () {
  useEmulator(this);

  const keyRoute = "GET /repos/{owner}/{repo}/actions/secrets/public-key";
  const keyPath = "/repos/octo-org/app/actions/secrets/public-key";

  it("fails the next matching request(s), then answers normally; faults are logged", async () => {
    const h = emu.injectFault({ route: keyRoute, status: 500 });
    assert.equal((await call("GET", "/repos/octo-org/api/actions/secrets")).status, 200, "other routes unaffected");
    const failed = await call("GET", keyPath);
    assert.equal(failed.status, 500);
    assert.equal(failed.body.message, "Server Error");
    assert.equal(h.hits, 1);
    assert.equal(h.remaining, 0);
    assert.equal((await call("GET", keyPath)).status, 200);
    const logged = emu.findRequests({ route: keyRoute });
    assert.deepEqual(logged.map((r) => [r.status, r.fault]), [[500, true], [200, false]]);

    emu.injectFault({ method: "put", path: /\/secrets\/FLAKY$/, status: 502, times: 2 });
    const sealed = await sealedFor("/repos/octo-org/app/actions", "v");
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call("PUT", "/repos/octo-org/app/actions/secrets/FLAKY", sealed)).status);
    assert.deepEqual(statuses, [502, 502, 201]);

    emu.injectFault({ route: "/repos/{owner}/{repo}/actions/secrets/{secret_name}", status: 404, times: Infinity });
    assert.equal((await call("GET", "/repos/octo-org/app/actions/secrets/FLAKY")).status, 404);
    assert.equal((await call("DELETE", "/repos/octo-org/app/actions/secrets/FLAKY")).status, 404);
    emu.clearFaults();
    assert.equal((await call("GET", "/repos/octo-org/app/actions/secrets/FLAKY")).status, 200);
  });

  it("echoes the request's Authorization header and body into error bodies in echo mode, until reset", async () => {
    const base = "/repos/octo-org/app/actions";
    const sealed = await sealedFor(base, "v");
    emu.setEchoRequests(true);
    emu.injectFault({ method: "PUT", status: 403, body: { message: "Forbidden", documentation_url: "d" } });
    const faulted = await call("PUT", `${base}/secrets/ECHO`, sealed);
    assert.equal(faulted.status, 403);
    assert.match(faulted.body.message, /^Forbidden \(request was: PUT \/repos\/octo-org\/app\/actions\/secrets\/ECHO headers: /);
    for (const text of [faulted.body.message, faulted.body.errors.at(-1).message]) {
      assert.ok(text.includes(`token ${emu.token}`), "the Authorization header is echoed");
      assert.ok(text.includes(sealed.encrypted_value), "the body is echoed");
    }
    const invalid = await call("PATCH", `${base}/variables/NOPE`, { value: "plain-echo" });
    assert.equal(invalid.status, 404, "handler errors are echoed too");
    assert.ok(invalid.body.message.includes("plain-echo"));
    assert.equal((await call("GET", `${base}/secrets/public-key`)).body.message, undefined, "successes are not touched");
    emu.reset();
    const quiet = await call("PATCH", `${base}/variables/NOPE`, { value: "plain-echo" });
    assert.equal(quiet.body.message, "Not Found", "reset() turns echo mode off");
  });

  it("can return custom bodies and headers, and be cancelled", async () => {
    const h = emu.injectFault({ path: keyPath, status: 418, body: { message: "teapot" }, headers: { "x-custom": "1" }, times: 5 });
    const r = await call("GET", keyPath);
    assert.equal(r.status, 418);
    assert.deepEqual(r.body, { message: "teapot" });
    assert.equal(r.headers.get("x-custom"), "1");
    h.cancel();
    assert.equal((await call("GET", keyPath)).status, 200);
  });

  it("answers a public-key GET with a tampered key, on every container's key path or the one targeted", async () => {
    const tampered = { key_id: "", key: Buffer.alloc(32).toString("base64") };
    emu.injectFault(faults.tamperedPublicKey(tampered, { times: 2 }));
    assert.equal((await call("GET", "/repos/octo-org/app/actions/secrets")).status, 200, "other routes unaffected");
    for (const path of [keyPath, "/repos/octo-org/app/environments/production/secrets/public-key"]) {
      const r = await call("GET", path);
      assert.deepEqual([r.status, r.body], [200, tampered]);
    }
    const real = await call("GET", keyPath);
    assert.deepEqual(real.body, { key_id: emu.publicKey({ app: "actions", owner: "octo-org", repo: "app" }).keyId, key: emu.publicKey({ app: "actions", owner: "octo-org", repo: "app" }).key });

    emu.injectFault(faults.tamperedPublicKey(tampered, { path: "/orgs/octo-org/dependabot/secrets/public-key" }));
    assert.notDeepEqual((await call("GET", keyPath)).body, tampered, "only the targeted path");
    assert.deepEqual((await call("GET", "/orgs/octo-org/dependabot/secrets/public-key")).body, tampered);
    assert.equal((await call("PUT", "/repos/octo-org/app/actions/secrets/X", await sealedFor("/repos/octo-org/app/actions", "v"))).status, 201, "writes unaffected");
  });

  it("builds GitHub's rate-limit, permission and visibility failures", async () => {
    emu.injectFault(faults.primaryRateLimit({ route: keyRoute }, 30));
    let r = await call("GET", keyPath);
    assert.equal(r.status, 403);
    assert.equal(r.headers.get("x-ratelimit-remaining"), "0");
    assert.ok(Number(r.headers.get("x-ratelimit-reset")) >= Math.floor(Date.now() / 1000) + 29);
    assert.match(r.body.message, /API rate limit exceeded/);

    emu.injectFault(faults.secondaryRateLimit({ route: keyRoute }, 7));
    r = await call("GET", keyPath);
    assert.equal(r.status, 403);
    assert.equal(r.headers.get("retry-after"), "7");
    assert.match(r.body.message, /secondary rate limit/);

    emu.injectFault(faults.tooManyRequests({ route: keyRoute }, 3));
    r = await call("GET", keyPath);
    assert.equal(r.status, 429);
    assert.equal(r.headers.get("retry-after"), "3");

    emu.injectFault(faults.missingPermission({ route: keyRoute }));
    r = await call("GET", keyPath);
    assert.equal(r.status, 403);
    assert.equal(r.body.message, "Resource not accessible by integration");

    emu.injectFault(faults.notVisible({ route: keyRoute }));
    assert.equal((await call("GET", keyPath)).status, 404);
    emu.injectFault(faults.serverError({ route: keyRoute }, 503));
    assert.equal((await call("GET", keyPath)).status, 503);
    assert.equal((await call("GET", keyPath)).status, 200);
  });

  it("is recognised by @octokit/plugin-throttling", async () => {
    const { Octokit } = await import("@octokit/rest");
    const { throttling } = await import("@octokit/plugin-throttling");
    const seen: string[] = [];
    const Throttled = Octokit.plugin(throttling);
    const client = new Throttled({
      auth: emu.token,
      baseUrl: emu.url,
      log: quiet,
      throttle: {
        onRateLimit: (retryAfter: number) => {
          seen.push(`primary ${retryAfter > 0}`);
          return false;
        },
        onSecondaryRateLimit: (retryAfter: number) => {
          seen.push(`secondary ${retryAfter}`);
          return false;
        },
      },
    });
    emu.injectFault(faults.secondaryRateLimit({ route: keyRoute }, 4));
    await assert.rejects(client.rest.actions.getRepoPublicKey({ owner: "octo-org", repo: "app" }), { status: 403 });
    emu.injectFault(faults.primaryRateLimit({ route: keyRoute }, 10));
    await assert.rejects(client.rest.actions.getRepoPublicKey({ owner: "octo-org", repo: "app" }), { status: 403 });
    assert.deepEqual(seen, ["secondary 4", "primary true"]);
  });
});
