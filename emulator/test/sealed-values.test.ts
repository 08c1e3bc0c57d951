// Sealed values and keys: in every scope, values sealed for the scope's X25519 public key are
// opened and stored as plaintext; a wrong, foreign or stale key, bytes that do not open or a value
// over 48 KB get 422; each scope has its own key pair, and rotations are undone by reset().

import assert from "node:assert/strict";
import { extraFor, SECRET_SCOPES, secretPutter } from "./scope-cases";
import { call, checkResponse, emu, ISO_SECONDS, seal, sealedFor, useEmulator } from "./support";

describe("GitHub emulator: sealed values and keys", function () {
  useEmulator(this);

  for (const scope of SECRET_SCOPES) {
    describe(`${scope.label} (${scope.base})`, () => {
      const put = secretPutter(scope);

      it("creates with 201 {} then updates with 204; the plaintext lands decrypted", async () => {
        const created = await put("API_TOKEN", "first value ✓");
        assert.equal(created.status, 201);
        assert.deepEqual(created.body, {});
        checkResponse(scope.template, "PUT", "/secrets/{secret_name}", 201, created.body);
        const first = emu.getSecret(scope.container, "API_TOKEN");
        assert.equal(first?.value, "first value ✓");
        assert.deepEqual(first?.bytes, new Uint8Array(Buffer.from("first value ✓")));

        const updated = await put("API_TOKEN", "second value");
        assert.equal(updated.status, 204);
        assert.equal(updated.body, undefined);
        const second = emu.getSecret(scope.container, "API_TOKEN");
        assert.equal(second?.value, "second value");
        assert.equal(second?.createdAt, first?.createdAt);
        assert.ok(second!.updatedAt > first!.updatedAt, "updated_at strictly increases");

        const got = await call("GET", `${scope.base}/secrets/API_TOKEN`);
        assert.equal(got.status, 200);
        checkResponse(scope.template, "GET", "/secrets/{secret_name}", 200, got.body);
        assert.equal(got.body.name, "API_TOKEN");
        assert.match(got.body.created_at, ISO_SECONDS);
        assert.equal(got.body.updated_at, second?.updatedAt);
        assert.equal("value" in got.body, false, "a secret's value is never returned");
        if (scope.level === "org") assert.equal(got.body.visibility, "all");
        else if (scope.level === "user") assert.equal(got.body.visibility, "selected");
        else assert.equal("visibility" in got.body, false);
      });

      it("answers 422 when key_id is missing, as GitHub does", async () => {
        const { encrypted_value } = await sealedFor(scope.base, "v");
        const r = await call("PUT", `${scope.base}/secrets/NO_KEY`, { encrypted_value, ...extraFor(scope) });
        assert.equal(r.status, 422);
        assert.equal(r.body.message, `Invalid request.\n\n"key_id" wasn't supplied.`);
        assert.match(r.body.documentation_url, /^https:\/\/docs\.github\.com\//);
        if (scope.level !== "org") {
          const { key_id } = await sealedFor(scope.base, "v");
          const noValue = await call("PUT", `${scope.base}/secrets/NO_VALUE`, { key_id });
          assert.equal(noValue.status, 422);
          assert.match(noValue.body.message, /"encrypted_value" wasn't supplied/);
        }
      });

      it("answers 422 for a value sealed with the wrong key, a stale key_id, or bytes that do not open", async () => {
        const other = scope.level === "user" ? SECRET_SCOPES[0]! : SECRET_SCOPES.find((s) => s.level === "user")!;
        const own = (await call("GET", `${scope.base}/secrets/public-key`)).body;
        const foreign = (await call("GET", `${other.base}/secrets/public-key`)).body;
        // sealed for another scope's key, presented with this scope's key_id
        let r = await call("PUT", `${scope.base}/secrets/WRONG`, {
          encrypted_value: seal("v", foreign.key),
          key_id: own.key_id,
          ...extraFor(scope),
        });
        assert.equal(r.status, 422, "wrong key");
        // another scope's key_id
        r = await call("PUT", `${scope.base}/secrets/WRONG`, { encrypted_value: seal("v", own.key), key_id: foreign.key_id, ...extraFor(scope) });
        assert.equal(r.status, 422, "foreign key_id");
        // random bytes of the right length
        r = await call("PUT", `${scope.base}/secrets/WRONG`, {
          encrypted_value: Buffer.alloc(60, 7).toString("base64"),
          key_id: own.key_id,
          ...extraFor(scope),
        });
        assert.equal(r.status, 422, "garbage");
        // not base64 (rejected by the OpenAPI pattern)
        r = await call("PUT", `${scope.base}/secrets/WRONG`, { encrypted_value: "not base64!", key_id: own.key_id, ...extraFor(scope) });
        assert.equal(r.status, 422, "bad base64");
        // URL-safe base64 is not standard base64
        r = await call("PUT", `${scope.base}/secrets/WRONG`, {
          encrypted_value: seal("v", own.key).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
          key_id: own.key_id,
          ...extraFor(scope),
        });
        assert.equal(r.status, 422, "url-safe base64");
        // stale key after rotation
        const sealedOld = seal("v", own.key);
        emu.rotateKey(scope.container);
        const rotated = (await call("GET", `${scope.base}/secrets/public-key`)).body;
        assert.notEqual(rotated.key_id, own.key_id);
        assert.notEqual(rotated.key, own.key);
        r = await call("PUT", `${scope.base}/secrets/WRONG`, { encrypted_value: sealedOld, key_id: own.key_id, ...extraFor(scope) });
        assert.equal(r.status, 422, "stale key_id");
        assert.equal(emu.getSecret(scope.container, "WRONG"), undefined);
        r = await call("PUT", `${scope.base}/secrets/RIGHT`, { encrypted_value: seal("v", rotated.key), key_id: rotated.key_id, ...extraFor(scope) });
        assert.equal(r.status, 201);
      });

      it("accepts a 48 KB value and rejects one byte more", async () => {
        assert.equal((await put("BIG", new Uint8Array(48 * 1024).fill(65))).status, 201);
        assert.equal(emu.getSecret(scope.container, "BIG")?.bytes.length, 49152);
        assert.equal((await put("TOO_BIG", new Uint8Array(48 * 1024 + 1).fill(65))).status, 422);
        assert.equal(emu.getSecret(scope.container, "TOO_BIG"), undefined);
      });

      it("serves a 32-byte X25519 public key whose sealed boxes open", async () => {
        const r = await call("GET", `${scope.base}/secrets/public-key`);
        assert.equal(r.status, 200);
        checkResponse(scope.template, "GET", "/secrets/public-key", 200, r.body);
        assert.equal(Buffer.from(r.body.key, "base64").length, 32);
        assert.match(r.body.key_id, /^\d+$/);
        assert.deepEqual(emu.publicKey(scope.container), { keyId: r.body.key_id, key: r.body.key });
      });
    });
  }

  it("gives every scope container its own key pair", async () => {
    const bases = [
      ...SECRET_SCOPES.map((s) => s.base),
      "/repos/octo-org/api/actions",
      "/repos/octo-org/app/environments/production",
      "/repos/octo-org/app/dependabot",
    ];
    const keys = await Promise.all(bases.map(async (b) => (await call("GET", `${b}/secrets/public-key`)).body));
    assert.equal(new Set(keys.map((k) => k.key)).size, bases.length);
    assert.equal(new Set(keys.map((k) => k.key_id)).size, bases.length);
    // stable between calls and across reset (rotations are undone by reset)
    const again = (await call("GET", `${bases[0]}/secrets/public-key`)).body;
    assert.deepEqual(again, keys[0]);
    emu.rotateKey(SECRET_SCOPES[0]!.container);
    emu.reset();
    assert.deepEqual((await call("GET", `${bases[0]}/secrets/public-key`)).body, keys[0]);
  });

  it("opens values sealed by tweetnacl-sealedbox-js (the other implementation)", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sealedbox = require("tweetnacl-sealedbox-js") as { seal(m: Uint8Array, pk: Uint8Array): Uint8Array };
    const base = "/repos/octo-org/api/actions";
    const key = (await call("GET", `${base}/secrets/public-key`)).body;
    const value = "sealed by tweetnacl ✓";
    const sealed = sealedbox.seal(new Uint8Array(Buffer.from(value)), new Uint8Array(Buffer.from(key.key, "base64")));
    const r = await call("PUT", `${base}/secrets/NACL`, { encrypted_value: Buffer.from(sealed).toString("base64"), key_id: key.key_id });
    assert.equal(r.status, 201);
    assert.equal(emu.getSecret({ app: "actions", owner: "octo-org", repo: "api" }, "NACL")?.value, value);
  });
});
