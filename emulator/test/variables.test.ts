// Actions variables in every scope that has them: create (201, 409 when taken), read, update,
// rename and delete, with GitHub's name rules, body validation and the 48 KB (bytes) value limit.

import assert from "node:assert/strict";
import { extraFor, VARIABLE_SCOPES } from "./scope-cases";
import { call, checkResponse, emu, useEmulator } from "./support";

describe("GitHub emulator: variables", function () {
  useEmulator(this);

  for (const scope of VARIABLE_SCOPES) {
    describe(`${scope.label} (${scope.base})`, () => {
      const extra = extraFor(scope);

      it("POST 201, GET returns the value, POST again 409, PATCH 204, DELETE 204/404", async () => {
        let r = await call("POST", `${scope.base}/variables`, { name: "region", value: "eu-west-1", ...extra });
        assert.equal(r.status, 201);
        assert.deepEqual(r.body, {});
        r = await call("GET", `${scope.base}/variables/REGION`);
        assert.equal(r.status, 200);
        checkResponse(scope.template, "GET", "/variables/{name}", 200, r.body);
        assert.equal(r.body.name, "REGION");
        assert.equal(r.body.value, "eu-west-1");
        const created = r.body.updated_at as string;
        assert.equal((await call("POST", `${scope.base}/variables`, { name: "REGION", value: "x", ...extra })).status, 409);

        r = await call("PATCH", `${scope.base}/variables/region`, { value: "us-east-1" });
        assert.equal(r.status, 204);
        r = await call("GET", `${scope.base}/variables/region`);
        assert.equal(r.body.value, "us-east-1");
        assert.ok(r.body.updated_at > created);
        assert.equal(emu.getVariable(scope.container, "REGION")?.value, "us-east-1");

        assert.equal((await call("PATCH", `${scope.base}/variables/NOPE`, { value: "x" })).status, 404);
        assert.equal((await call("DELETE", `${scope.base}/variables/Region`)).status, 204);
        assert.equal((await call("GET", `${scope.base}/variables/REGION`)).status, 404);
        assert.equal((await call("DELETE", `${scope.base}/variables/REGION`)).status, 404);
      });

      it("validates names, bodies and the 48 KB value limit", async () => {
        for (const name of ["1X", "GITHUB_SHA", "A-B"]) {
          assert.equal((await call("POST", `${scope.base}/variables`, { name, value: "x", ...extra })).status, 422, name);
        }
        const missing = await call("POST", `${scope.base}/variables`, { name: "NO_VALUE", ...extra });
        assert.equal(missing.status, 422);
        assert.equal(missing.body.message, `Invalid request.\n\n"value" wasn't supplied.`);
        const typed = await call("POST", `${scope.base}/variables`, { name: "N", value: 5, ...extra });
        assert.equal(typed.body.message, `Invalid request.\n\nFor 'properties/value', 5 is not a string.`);
        assert.equal((await call("POST", `${scope.base}/variables`, { name: "BIG", value: "v".repeat(49152), ...extra })).status, 201);
        assert.equal((await call("POST", `${scope.base}/variables`, { name: "BIGGER", value: "v".repeat(49153), ...extra })).status, 422);
        assert.equal((await call("PATCH", `${scope.base}/variables/BIG`, { value: "é".repeat(24577) })).status, 422, "bytes, not characters");
      });

      it("renames with PATCH name", async () => {
        await call("POST", `${scope.base}/variables`, { name: "OLD", value: "v", ...extra });
        await call("POST", `${scope.base}/variables`, { name: "TAKEN", value: "t", ...extra });
        assert.equal((await call("PATCH", `${scope.base}/variables/OLD`, { name: "taken" })).status, 409);
        assert.equal((await call("PATCH", `${scope.base}/variables/OLD`, { name: "new_name" })).status, 204);
        assert.equal(emu.getVariable(scope.container, "OLD"), undefined);
        assert.equal(emu.getVariable(scope.container, "NEW_NAME")?.value, "v");
      });
    });
  }
});
