// Changes made behind a client's back, as a person in GitHub's UI would: secrets and variables
// set, replaced and deleted through the handle, bumping updated_at, with plain errors for what
// GitHub would refuse.

import assert from "node:assert/strict";
import type { Container } from "../index";
import { call, emu, useEmulator } from "./support";

describe("GitHub emulator: behind-the-back changes", function () {
  useEmulator(this);

  it("sets, replaces and deletes secrets and variables, bumping updated_at", async () => {
    const org: Container = { app: "actions", org: "octo-org" };
    emu.putSecretBehindBack(org, "drift", "one", { visibility: "selected", selectedRepositoryIds: [1001] });
    const a = (await call("GET", "/orgs/octo-org/actions/secrets/DRIFT")).body;
    assert.equal(a.visibility, "selected");
    emu.putSecretBehindBack(org, "DRIFT", "two");
    const b = emu.getSecret(org, "DRIFT")!;
    assert.equal(b.value, "two");
    assert.ok(b.updatedAt > a.updated_at);
    assert.deepEqual(b.selectedRepositoryIds, [1001], "selection kept");
    emu.putSecretBehindBack(org, "DRIFT", undefined, { selectedRepositoryIds: [1002, 1003] });
    assert.deepEqual(emu.getSecret(org, "DRIFT")?.selectedRepositoryIds, [1002, 1003]);
    emu.putSecretBehindBack(org, "DRIFT", undefined, { visibility: "private" });
    assert.equal(emu.getSecret(org, "DRIFT")?.visibility, "private");
    assert.throws(() => emu.putSecretBehindBack(org, "DRIFT", "x", { visibility: "selected", selectedRepositoryIds: [2001] }), /2001/);
    emu.deleteSecretBehindBack(org, "drift");
    assert.equal((await call("GET", "/orgs/octo-org/actions/secrets/DRIFT")).status, 404);
    assert.throws(() => emu.deleteSecretBehindBack(org, "drift"));
    assert.throws(() => emu.putSecretBehindBack(org, "GITHUB_X", "x"), /invalid secret name/);

    const repo: Container = { app: "actions", owner: "octo-org", repo: "web" };
    await call("POST", "/repos/octo-org/web/actions/variables", { name: "V", value: "1" });
    emu.putVariableBehindBack(repo, "v", "2");
    assert.equal((await call("GET", "/repos/octo-org/web/actions/variables/V")).body.value, "2");
    emu.deleteVariableBehindBack(repo, "V");
    assert.equal(emu.listVariables(repo).length, 0);
    assert.throws(() => emu.getVariable({ app: "dependabot", owner: "octo-org", repo: "web" }, "V"), /no variables/);
    assert.throws(() => emu.getSecret({ app: "actions", owner: "octo-org", repo: "nope" }, "V"), /unknown container/);
  });
});
