// Secret names, limits and unknown scopes: names are stored upper-case and matched without
// regard to case, invalid names and a secret beyond a scope's limit get 422, and a scope naming
// an unknown owner, repository, organization or environment answers 404.

import assert from "node:assert/strict";
import { extraFor, SECRET_SCOPES, secretPutter } from "./scope-cases";
import { call, emu, useEmulator } from "./support";

describe("GitHub emulator: secret names, limits and unknown scopes", function () {
  useEmulator(this);

  for (const scope of SECRET_SCOPES) {
    describe(`${scope.label} (${scope.base})`, () => {
      const put = secretPutter(scope);

      it("stores names upper-case and looks them up case-insensitively", async () => {
        assert.equal((await put("db_pass", "a")).status, 201);
        assert.equal((await put("DB_PASS", "b")).status, 204, "db_pass and DB_PASS are the same secret");
        assert.equal((await call("GET", `${scope.base}/secrets/Db_Pass`)).body.name, "DB_PASS");
        assert.equal(emu.getSecret(scope.container, "db_pass")?.value, "b");
        const list = await call("GET", `${scope.base}/secrets`);
        assert.equal(list.body.total_count, 1);
        assert.equal((await call("DELETE", `${scope.base}/secrets/dB_pAsS`)).status, 204);
        assert.equal((await call("GET", `${scope.base}/secrets/DB_PASS`)).status, 404);
        assert.equal((await call("DELETE", `${scope.base}/secrets/DB_PASS`)).status, 404);
      });

      it("rejects invalid names with 422", async () => {
        for (const name of ["1ABC", "GITHUB_TOKEN", "github_thing", "A-B", "A%20B", "%C3%A9T%C3%A9", "A.B"]) {
          const r = await put(name, "x");
          assert.equal(r.status, 422, `${name} → ${r.status}`);
          assert.equal(typeof r.body.message, "string");
          assert.equal(typeof r.body.documentation_url, "string");
        }
        assert.equal(emu.listSecrets(scope.container).length, 0);
      });

      it(`refuses a secret beyond the ${scope.limit}-secret limit`, async () => {
        for (let i = 0; i < scope.limit; i++) emu.putSecretBehindBack(scope.container, `S${i}`, "x");
        const r = await put("ONE_MORE", "x");
        assert.equal(r.status, 422);
        assert.equal((await put("S0", "replaced")).status, 204, "updates still work at the limit");
      });

      if (scope.missingBase) {
        it("answers 404 for an unknown owner, repository, organization or environment", async () => {
          for (const path of ["/secrets", "/secrets/public-key", "/secrets/X"]) {
            const r = await call("GET", `${scope.missingBase}${path}`);
            assert.equal(r.status, 404, path);
            assert.equal(r.body.message, "Not Found");
          }
          const r = await call("PUT", `${scope.missingBase}/secrets/X`, { encrypted_value: "AAAA", key_id: "1", ...extraFor(scope) });
          assert.equal(r.status, 404);
        });
      }
    });
  }
});
