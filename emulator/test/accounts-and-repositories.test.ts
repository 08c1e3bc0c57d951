// How requests address accounts, repositories and environments: owners and names without regard
// to case, environment names percent-decoded exactly once, GET /user and GET /repos, and
// repositories and environments added at run time (and forgotten by reset()).

import assert from "node:assert/strict";
import type { Container } from "../index";
import { call, emu, sealedFor, useEmulator } from "./support";

describe("GitHub emulator: accounts, repositories and environments", function () {
  useEmulator(this);

  it("resolves owners, repositories and organizations case-insensitively", async () => {
    const r = await call("GET", "/repos/OCTO-ORG/App");
    assert.equal(r.status, 200);
    assert.equal(r.body.id, 1001);
    assert.equal(r.body.full_name, "octo-org/app");
    assert.equal(r.body.owner.login, "octo-org");
    emu.putSecretBehindBack({ app: "actions", owner: "octo-org", repo: "app" }, "X", "1");
    assert.equal((await call("GET", "/repos/Octo-Org/APP/actions/secrets/x")).status, 200);
    assert.equal((await call("GET", "/orgs/OCTO-org/actions/secrets")).status, 200);
    assert.equal((await call("GET", "/repos/octo-org/nope")).status, 404);
  });

  it("decodes environment names exactly once", async () => {
    const app = (environment: string): Container => ({ app: "actions", owner: "octo-org", repo: "app", environment });
    const enc = encodeURIComponent("préprod ü");
    assert.equal(enc, "pr%C3%A9prod%20%C3%BC");
    for (const [segment, environment] of [
      ["staging%2Feu", "staging/eu"],
      ["staging%2fEU", "staging/eu"],
      [enc, "préprod ü"],
      ["production", "production"],
    ] as const) {
      const base = `/repos/octo-org/app/environments/${segment}`;
      const r = await call("PUT", `${base}/secrets/ENV_S`, await sealedFor(base, segment));
      assert.ok(r.status === 201 || r.status === 204, `${segment} → ${r.status}`);
      assert.equal(emu.getSecret(app(environment), "ENV_S")?.value, segment);
    }
    // double-encoded: "staging%252Feu" is the environment "staging%2Feu", which does not exist
    assert.equal((await call("GET", "/repos/octo-org/app/environments/staging%252Feu/secrets/public-key")).status, 404);
    // not encoded at all: the slash splits the path
    assert.equal((await call("GET", "/repos/octo-org/app/environments/staging/eu/secrets/public-key")).status, 404);
    // an environment literally named "a%2Fb" is reached by encoding its "%" once
    emu.addEnvironment("octo-org", "app", "a%2Fb");
    assert.equal((await call("GET", "/repos/octo-org/app/environments/a%252Fb/secrets/public-key")).status, 200);
    assert.equal((await call("GET", "/repos/octo-org/app/environments/a%2Fb/secrets/public-key")).status, 404);
    const logged = emu.findRequests({ route: "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}" });
    assert.equal(logged[0]?.path, "/repos/octo-org/app/environments/staging%2Feu/secrets/ENV_S");
    assert.equal(logged[0]?.params.environment_name, "staging/eu");
  });

  it("GET /user and GET /repos/{owner}/{repo}, and repositories added at run time", async () => {
    assert.deepEqual(
      (({ login, id, type }) => ({ login, id, type }))((await call("GET", "/user")).body),
      { login: "octocat", id: 583231, type: "User" },
    );
    const id = emu.addRepository("new-org", "svc", { environments: ["qa/1"] });
    const repo = await call("GET", "/repos/new-org/svc");
    assert.equal(repo.body.id, id);
    assert.equal((await call("GET", "/orgs/new-org/actions/secrets/public-key")).status, 200);
    assert.equal((await call("GET", "/repos/new-org/svc/environments/qa%2F1/secrets/public-key")).status, 200);
    emu.addEnvironment("octo-org", "api", "canary");
    assert.equal((await call("GET", "/repos/octo-org/api/environments/canary/variables")).status, 200);
    emu.reset();
    assert.equal((await call("GET", "/repos/new-org/svc")).status, 404, "reset forgets added repositories");
  });
});
