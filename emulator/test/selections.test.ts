/* eslint-disable @typescript-eslint/no-explicit-any */
// Visibility and repository selections of organization (and user Codespaces) secrets and of
// organization variables: a visibility is required, a selection holds only the account's known
// repositories, selection endpoints answer 409 unless visibility is "selected", and every change
// of the selection bumps updated_at.

import assert from "node:assert/strict";
import type { Container } from "../index";
import { SECRET_SCOPES } from "./scope-cases";
import { call, checkResponse, emu, sealedFor, useEmulator } from "./support";

describe("GitHub emulator: visibility and repository selections", function () {
  useEmulator(this);

  describe("organization secrets: visibility and repository selection", () => {
    for (const scope of SECRET_SCOPES.filter((s) => s.level === "org")) {
      describe(scope.label, () => {
        const put = async (name: string, value: string | undefined, extra: Record<string, unknown>) =>
          call("PUT", `${scope.base}/secrets/${name}`, { ...(value === undefined ? {} : await sealedFor(scope.base, value)), ...extra });

        it("requires a known visibility", async () => {
          let r = await put("ORG_S", "v", {});
          assert.equal(r.status, 422);
          assert.equal(r.body.message, `Invalid request.\n\n"visibility" wasn't supplied.`);
          r = await put("ORG_S", "v", { visibility: "public" });
          assert.equal(r.status, 422);
          assert.match(r.body.message, /^Invalid request\.\n\nFor 'properties\/visibility', "public" is not a member of/);
        });

        it("stores a selection, lists it, and rejects unknown or foreign repositories", async () => {
          let r = await put("SEL", "v", { visibility: "selected", selected_repository_ids: [1001, 1003] });
          assert.equal(r.status, 201);
          const got = await call("GET", `${scope.base}/secrets/SEL`);
          checkResponse(scope.template, "GET", "/secrets/{secret_name}", 200, got.body);
          assert.equal(got.body.visibility, "selected");
          assert.equal(got.body.selected_repositories_url, `${emu.url}${scope.base}/secrets/SEL/repositories`);
          const repos = await call("GET", got.body.selected_repositories_url);
          assert.equal(repos.status, 200);
          assert.equal(repos.body.total_count, 2);
          assert.deepEqual(repos.body.repositories.map((x: any) => x.full_name), ["octo-org/app", "octo-org/web"]);
          assert.deepEqual(emu.getSecret(scope.container, "SEL")?.selectedRepositoryIds, [1001, 1003]);

          r = await put("SEL", "v", { visibility: "selected", selected_repository_ids: [999999] });
          assert.equal(r.status, 422, "unknown repository id");
          r = await put("SEL", "v", { visibility: "selected", selected_repository_ids: [2001] });
          assert.equal(r.status, 422, "a repository outside the organization");
          assert.deepEqual(emu.getSecret(scope.container, "SEL")?.selectedRepositoryIds, [1001, 1003]);

          r = await put("SEL", "v", { visibility: "private" });
          assert.equal(r.status, 204);
          const priv = await call("GET", `${scope.base}/secrets/SEL`);
          assert.equal(priv.body.visibility, "private");
          assert.equal("selected_repositories_url" in priv.body, false);
          assert.equal(emu.getSecret(scope.container, "SEL")?.selectedRepositoryIds, undefined);
        });

        it("answers 409 to selection changes while visibility is not selected", async () => {
          assert.equal((await put("ALL", "v", { visibility: "all" })).status, 201);
          const base = `${scope.base}/secrets/ALL/repositories`;
          assert.equal((await call("PUT", base, { selected_repository_ids: [1001] })).status, 409);
          assert.equal((await call("PUT", `${base}/1001`)).status, 409);
          assert.equal((await call("DELETE", `${base}/1001`)).status, 409);
          assert.equal((await call("GET", base)).status, 409);
          assert.equal((await call("PUT", `${scope.base}/secrets/NOPE/repositories/1001`)).status, 404);
        });

        it("bumps updated_at whenever the selection changes", async () => {
          await put("BUMP", "v", { visibility: "selected", selected_repository_ids: [] });
          const base = `${scope.base}/secrets/BUMP/repositories`;
          let last = (await call("GET", `${scope.base}/secrets/BUMP`)).body.updated_at as string;
          const steps: [string, string, unknown, number[]][] = [
            ["PUT", base, { selected_repository_ids: [1001, 1002] }, [1001, 1002]],
            ["PUT", `${base}/1003`, undefined, [1001, 1002, 1003]],
            ["DELETE", `${base}/1001`, undefined, [1002, 1003]],
          ];
          for (const [method, path, body, expected] of steps) {
            assert.equal((await call(method, path, body)).status, 204, `${method} ${path}`);
            const now = (await call("GET", `${scope.base}/secrets/BUMP`)).body.updated_at as string;
            assert.ok(now > last, `${method} ${path} bumps updated_at (${last} → ${now})`);
            last = now;
            assert.deepEqual(emu.getSecret(scope.container, "BUMP")?.selectedRepositoryIds, expected);
          }
          assert.equal(emu.getSecret(scope.container, "BUMP")?.value, "v", "the value is untouched");
          assert.equal((await call("PUT", `${base}/999999`)).status, 422, "unknown repository");
          assert.equal((await call("PUT", `${base}/abc`)).status, 404, "not an id");
          assert.equal((await call("PUT", base, { selected_repository_ids: ["x"] })).status, 422, "schema: integers");
        });

        it("updates visibility alone when encrypted_value is left out (existing secret only)", async () => {
          assert.equal((await put("META", undefined, { visibility: "all" })).status, 422, "cannot create without a value");
          await put("META", "kept", { visibility: "all" });
          assert.equal((await put("META", undefined, { visibility: "private" })).status, 204);
          const s = emu.getSecret(scope.container, "META");
          assert.equal(s?.visibility, "private");
          assert.equal(s?.value, "kept");
        });
      });
    }

    it("accepts repository ids as strings where the schema allows them (Dependabot)", async () => {
      const r = await call("PUT", "/orgs/octo-org/dependabot/secrets/STR_IDS", {
        ...(await sealedFor("/orgs/octo-org/dependabot", "v")),
        visibility: "selected",
        selected_repository_ids: ["1001", 1002],
      });
      assert.equal(r.status, 201);
      assert.deepEqual(emu.getSecret({ app: "dependabot", org: "octo-org" }, "STR_IDS")?.selectedRepositoryIds, [1001, 1002]);
    });

    it("lets the user's Codespaces secrets carry a selection without a visibility", async () => {
      const r = await call("PUT", "/user/codespaces/secrets/DOT", {
        ...(await sealedFor("/user/codespaces", "v")),
        selected_repository_ids: [2001],
      });
      assert.equal(r.status, 201);
      const c: Container = { app: "codespaces", user: true };
      assert.deepEqual(emu.getSecret(c, "DOT")?.selectedRepositoryIds, [2001]);
      assert.equal((await call("PUT", "/user/codespaces/secrets/DOT/repositories/1002")).status, 204);
      const list = await call("GET", "/user/codespaces/secrets/DOT/repositories");
      assert.deepEqual(list.body.repositories.map((x: any) => x.id), [2001, 1002]);
    });
  });

  it("organization variables: visibility required, selection endpoints, 409", async () => {
    const base = "/orgs/octo-org/actions/variables";
    assert.equal((await call("POST", base, { name: "ORG_V", value: "v" })).status, 422);
    assert.equal((await call("POST", base, { name: "ORG_V", value: "v", visibility: "selected", selected_repository_ids: [1002] })).status, 201);
    const got = await call("GET", `${base}/ORG_V`);
    assert.equal(got.body.visibility, "selected");
    assert.equal(got.body.selected_repositories_url, `${emu.url}${base}/ORG_V/repositories`);
    const before = got.body.updated_at as string;
    assert.equal((await call("PUT", `${base}/ORG_V/repositories/1001`)).status, 204);
    const after = (await call("GET", `${base}/ORG_V`)).body.updated_at as string;
    assert.ok(after > before);
    assert.deepEqual(emu.getVariable({ app: "actions", org: "octo-org" }, "ORG_V")?.selectedRepositoryIds, [1002, 1001]);
    assert.equal((await call("PATCH", `${base}/ORG_V`, { visibility: "all" })).status, 204);
    assert.equal((await call("GET", `${base}/ORG_V/repositories`)).status, 409);
    assert.equal((await call("PUT", `${base}/ORG_V/repositories`, { selected_repository_ids: [1001] })).status, 409);
  });
});
