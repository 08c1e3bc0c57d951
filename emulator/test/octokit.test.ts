// The emulator driven by the real @octokit/rest: repository, environment and organization
// secrets and variables, selections, paginate, and the errors Octokit throws.

import assert from "node:assert/strict";
import { emu, octokit, seal, useEmulator } from "./support";

describe("GitHub emulator: with @octokit/rest", function () {
  useEmulator(this);

  it("repository secrets: public key, create (201), update (204), get, paginate", async () => {
    const gh = await octokit();
    const owner = "octo-org";
    const repo = "app";
    const { data: key } = await gh.rest.actions.getRepoPublicKey({ owner, repo });
    const put = (name: string, value: string) =>
      gh.rest.actions.createOrUpdateRepoSecret({ owner, repo, secret_name: name, encrypted_value: seal(value, key.key), key_id: key.key_id });
    assert.equal((await put("OCTO", "hello")).status, 201);
    assert.equal((await put("octo", "hello again")).status, 204);
    assert.equal(emu.getSecret({ app: "actions", owner, repo }, "OCTO")?.value, "hello again");
    const { data: got } = await gh.rest.actions.getRepoSecret({ owner, repo, secret_name: "octo" });
    assert.equal(got.name, "OCTO");
    for (let i = 0; i < 4; i++) await put(`PAGED_${i}`, String(i));
    const all = await gh.paginate(gh.rest.actions.listRepoSecrets, { owner, repo, per_page: 2 });
    assert.deepEqual(all.map((s) => s.name), ["OCTO", "PAGED_0", "PAGED_1", "PAGED_2", "PAGED_3"]);
    assert.equal(emu.findRequests({ route: "GET /repos/{owner}/{repo}/actions/secrets" }).length, 3);
    await assert.rejects(gh.rest.actions.getRepoSecret({ owner, repo: "missing", secret_name: "OCTO" }), { status: 404 });
    await assert.rejects(
      gh.rest.actions.createOrUpdateRepoSecret({ owner, repo, secret_name: "GITHUB_NOPE", encrypted_value: seal("x", key.key), key_id: key.key_id }),
      { status: 422 },
    );
  });

  it("environment secrets with / and non-ASCII names are encoded once by Octokit", async () => {
    const gh = await octokit();
    for (const environment_name of ["staging/eu", "préprod ü"]) {
      const { data: key } = await gh.rest.actions.getEnvironmentPublicKey({ owner: "octo-org", repo: "app", environment_name });
      const r = await gh.rest.actions.createOrUpdateEnvironmentSecret({
        owner: "octo-org",
        repo: "app",
        environment_name,
        secret_name: "ENV_TOKEN",
        encrypted_value: seal(environment_name, key.key),
        key_id: key.key_id,
      });
      assert.equal(r.status, 201);
      assert.equal(emu.getSecret({ app: "actions", owner: "octo-org", repo: "app", environment: environment_name }, "ENV_TOKEN")?.value, environment_name);
    }
  });

  it("organization secrets and variables with selections; repos.get and users.getAuthenticated", async () => {
    const gh = await octokit();
    const { data: repo } = await gh.rest.repos.get({ owner: "octo-org", repo: "web" });
    assert.equal(repo.id, 1003);
    const { data: me } = await gh.rest.users.getAuthenticated();
    assert.equal(me.login, "octocat");
    const { data: key } = await gh.rest.dependabot.getOrgPublicKey({ org: "octo-org" });
    await gh.rest.dependabot.createOrUpdateOrgSecret({
      org: "octo-org",
      secret_name: "NPM_TOKEN",
      encrypted_value: seal("npm", key.key),
      key_id: key.key_id,
      visibility: "selected",
      selected_repository_ids: [String(repo.id)],
    });
    const { data: sel } = await gh.rest.dependabot.listSelectedReposForOrgSecret({ org: "octo-org", secret_name: "NPM_TOKEN" });
    assert.deepEqual(sel.repositories.map((r) => r.full_name), ["octo-org/web"]);
    await gh.rest.dependabot.addSelectedRepoToOrgSecret({ org: "octo-org", secret_name: "NPM_TOKEN", repository_id: 1001 });
    assert.deepEqual(emu.getSecret({ app: "dependabot", org: "octo-org" }, "NPM_TOKEN")?.selectedRepositoryIds, [1003, 1001]);

    assert.equal((await gh.rest.actions.createOrgVariable({ org: "octo-org", name: "STAGE", value: "1", visibility: "private" })).status, 201);
    assert.equal((await gh.rest.actions.updateOrgVariable({ org: "octo-org", name: "STAGE", value: "2" })).status, 204);
    const { data: v } = await gh.rest.actions.getOrgVariable({ org: "octo-org", name: "stage" });
    assert.equal(v.value, "2");
    assert.equal(v.visibility, "private");
    await assert.rejects(gh.rest.actions.createOrgVariable({ org: "octo-org", name: "STAGE", value: "1", visibility: "all" }), { status: 409 });
    await assert.rejects(
      gh.rest.actions.setSelectedReposForOrgVariable({ org: "octo-org", name: "STAGE", selected_repository_ids: [1001] }),
      { status: 409 },
    );
  });
});
