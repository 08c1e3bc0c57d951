// Request bodies checked against GitHub's OpenAPI schemas, answered with GitHub's own 422 and 400
// messages; the emulator refuses a schema file that lacks an operation it serves, and knows the
// @octokit/openapi version its schemas come from.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../index";
import { call, emu, sealedFor, useEmulator } from "./support";

describe("GitHub emulator: OpenAPI validation", function () {
  useEmulator(this);

  it("validates bodies against GitHub's OpenAPI schemas", async () => {
    const base = "/repos/octo-org/app/actions";
    const sealed = await sealedFor(base, "v");
    let r = await call("PUT", `${base}/secrets/T`, { ...sealed, key_id: 123 });
    assert.equal(r.status, 422);
    assert.equal(r.body.message, "Invalid request.\n\nFor 'properties/key_id', 123 is not a string.");
    r = await call("PUT", `${base}/secrets/T`, [sealed]);
    assert.equal(r.status, 422);
    assert.match(r.body.message, /^Invalid request\.\n\nFor 'links\/0\/schema', .* is not an object\.$/);
    r = await call("PUT", `${base}/secrets/T`, undefined);
    assert.equal(r.status, 422);
    assert.equal(r.body.message, "Invalid request.\n\nFor 'links/0/schema', nil is not an object.");
    r = await call("PUT", `${base}/secrets/T`, undefined, { rawBody: "{not json", headers: { "content-type": "application/json" } });
    assert.equal(r.status, 400);
    assert.equal(r.body.message, "Problems parsing JSON");
    r = await call("PUT", "/orgs/octo-org/actions/secrets/T", { ...(await sealedFor("/orgs/octo-org/actions", "v")), visibility: "selected", selected_repository_ids: [true] });
    assert.equal(r.status, 422);
    assert.match(r.body.message, /properties\/selected_repository_ids\/items/);
    r = await call("PUT", `${base}/secrets/T`, sealed);
    assert.equal(r.status, 201);
  });

  it("refuses to start when the schema file lacks an operation it serves", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-schemas-"));
    try {
      const file = JSON.parse(readFileSync(join(__dirname, "..", "openapi", "github-schemas.json"), "utf8"));
      delete file.operations["DELETE /user/codespaces/secrets/{secret_name}"];
      const path = join(dir, "schemas.json");
      writeFileSync(path, JSON.stringify(file));
      await assert.rejects(startEmulator({ schemaFile: path }), /lacks operations[\s\S]*DELETE \/user\/codespaces\/secrets\/\{secret_name\}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("knows which @octokit/openapi version its schemas come from", () => {
    assert.match(emu.openapi.version, /^\d+\.\d+\.\d+$/);
  });
});
