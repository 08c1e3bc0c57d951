/* eslint-disable @typescript-eslint/no-explicit-any */
// Pagination as GitHub pages: secrets by per_page (capped at 100) with Link headers (first, prev,
// next, last) that lead through every page, variables by per_page defaulting to 10 and capped at 30.

import assert from "node:assert/strict";
import { SECRET_SCOPES, VARIABLE_SCOPES } from "./scope-cases";
import { call, checkResponse, emu, parseLink, useEmulator } from "./support";

describe("GitHub emulator: pagination", function () {
  useEmulator(this);

  for (const scope of SECRET_SCOPES) {
    describe(`secrets, ${scope.label} (${scope.base})`, () => {
      it("paginates the list with Link headers across pages", async () => {
        for (const n of ["E", "A", "D", "C", "B"]) emu.putSecretBehindBack(scope.container, `S_${n}`, n);
        const p1 = await call("GET", `${scope.base}/secrets?per_page=2`);
        assert.equal(p1.status, 200);
        checkResponse(scope.template, "GET", "/secrets", 200, p1.body);
        assert.equal(p1.body.total_count, 5);
        assert.deepEqual(p1.body.secrets.map((s: any) => s.name), ["S_A", "S_B"]);
        const l1 = parseLink(p1.headers.get("link"));
        assert.deepEqual(Object.keys(l1).sort(), ["last", "next"]);
        assert.ok(l1.next!.startsWith(`${emu.url}${scope.base}/secrets?`), l1.next);
        const p2 = await call("GET", l1.next!);
        assert.deepEqual(p2.body.secrets.map((s: any) => s.name), ["S_C", "S_D"]);
        assert.deepEqual(Object.keys(parseLink(p2.headers.get("link"))).sort(), ["first", "last", "next", "prev"]);
        const p3 = await call("GET", l1.last!);
        assert.deepEqual(p3.body.secrets.map((s: any) => s.name), ["S_E"]);
        const l3 = parseLink(p3.headers.get("link"));
        assert.deepEqual(Object.keys(l3).sort(), ["first", "prev"]);
        assert.equal(new URL(l3.first!).searchParams.get("page"), "1");
        const all = await call("GET", `${scope.base}/secrets`);
        assert.equal(all.headers.get("link"), null, "one page: no Link header");
        assert.equal(all.body.secrets.length, 5);
        const capped = await call("GET", `${scope.base}/secrets?per_page=1000`);
        assert.equal(capped.body.secrets.length, 5);
      });
    });
  }

  for (const scope of VARIABLE_SCOPES) {
    describe(`variables, ${scope.label} (${scope.base})`, () => {
      it("paginates with per_page defaulting to 10 and capped at 30", async () => {
        for (let i = 0; i < 35; i++) emu.putVariableBehindBack(scope.container, `V${String(i).padStart(2, "0")}`, String(i));
        const d = await call("GET", `${scope.base}/variables`);
        checkResponse(scope.template, "GET", "/variables", 200, d.body);
        assert.equal(d.body.total_count, 35);
        assert.equal(d.body.variables.length, 10);
        assert.equal(new URL(parseLink(d.headers.get("link")).last!).searchParams.get("page"), "4");
        const big = await call("GET", `${scope.base}/variables?per_page=100`);
        assert.equal(big.body.variables.length, 30);
        const next = parseLink(big.headers.get("link")).next!;
        assert.equal(new URL(next).searchParams.get("per_page"), "30");
        const p2 = await call("GET", next);
        assert.deepEqual(p2.body.variables.map((v: any) => v.name), ["V30", "V31", "V32", "V33", "V34"]);
      });
    });
  }
});
