/* eslint-disable @typescript-eslint/no-explicit-any */
// Tests of the GitHub REST API emulator (emulator/), driven with plain fetch and with the
// real @octokit/rest, values sealed with libsodium-wrappers' crypto_box_seal.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sodium from "libsodium-wrappers";
import { faults, GITHUB_CONTENT_CREATION_LIMITS, startEmulator, type Container, type GitHubEmulator } from "../index";

let emu: GitHubEmulator;

// ---------------------------------------------------------------------------------------------
// helpers

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  opts: { auth?: string | null; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { accept: "application/vnd.github+json", ...opts.headers };
  const auth = opts.auth === undefined ? `token ${emu.token}` : opts.auth;
  if (auth !== null) headers.authorization = auth;
  let payload: string | undefined = opts.rawBody;
  if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["content-type"] = "application/json";
  }
  const url = path.startsWith("http") ? path : `${emu.url}${path}`;
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const B64 = (): number => sodium.base64_variants.ORIGINAL;

function seal(value: string | Uint8Array, keyBase64: string): string {
  return sodium.to_base64(sodium.crypto_box_seal(value, sodium.from_base64(keyBase64, B64())), B64());
}

async function sealedFor(base: string, value: string | Uint8Array): Promise<{ encrypted_value: string; key_id: string }> {
  const key = await call("GET", `${base}/secrets/public-key`);
  assert.equal(key.status, 200);
  return { encrypted_value: seal(value, key.body.key), key_id: key.body.key_id };
}

function parseLink(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(",")) {
    const m = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

async function octokit() {
  const { Octokit } = await import("@octokit/rest");
  return new Octokit({ auth: emu.token, baseUrl: emu.url, log: quiet });
}

// ---------------------------------------------------------------------------------------------
// scope tables: one suite per table, looped over every scope

type Level = "repo" | "environment" | "org" | "user";

interface SecretScopeCase {
  label: string;
  /** Concrete, encoded base path. */
  base: string;
  /** OpenAPI template of the base (to look up response schemas). */
  template: string;
  container: Container;
  level: Level;
  /** A base naming something that does not exist. */
  missingBase?: string;
  limit: number;
}

const SECRET_SCOPES: SecretScopeCase[] = [
  {
    label: "Actions repository",
    base: "/repos/octo-org/app/actions",
    template: "/repos/{owner}/{repo}/actions",
    container: { app: "actions", owner: "octo-org", repo: "app" },
    level: "repo",
    missingBase: "/repos/octo-org/nope/actions",
    limit: 100,
  },
  {
    label: "Actions environment",
    base: "/repos/octo-org/app/environments/staging%2Feu",
    template: "/repos/{owner}/{repo}/environments/{environment_name}",
    container: { app: "actions", owner: "octo-org", repo: "app", environment: "staging/eu" },
    level: "environment",
    missingBase: "/repos/octo-org/app/environments/nope",
    limit: 100,
  },
  {
    label: "Actions organization",
    base: "/orgs/octo-org/actions",
    template: "/orgs/{org}/actions",
    container: { app: "actions", org: "octo-org" },
    level: "org",
    missingBase: "/orgs/nope/actions",
    limit: 1000,
  },
  {
    label: "Dependabot repository",
    base: "/repos/octo-org/api/dependabot",
    template: "/repos/{owner}/{repo}/dependabot",
    container: { app: "dependabot", owner: "octo-org", repo: "api" },
    level: "repo",
    missingBase: "/repos/nobody/api/dependabot",
    limit: 100,
  },
  {
    label: "Dependabot organization",
    base: "/orgs/octo-org/dependabot",
    template: "/orgs/{org}/dependabot",
    container: { app: "dependabot", org: "octo-org" },
    level: "org",
    missingBase: "/orgs/octocat/dependabot", // a user, not an organization
    limit: 1000,
  },
  {
    label: "Codespaces repository",
    base: "/repos/octocat/dotfiles/codespaces",
    template: "/repos/{owner}/{repo}/codespaces",
    container: { app: "codespaces", owner: "octocat", repo: "dotfiles" },
    level: "repo",
    missingBase: "/repos/octocat/nope/codespaces",
    limit: 100,
  },
  {
    label: "Codespaces organization",
    base: "/orgs/octo-org/codespaces",
    template: "/orgs/{org}/codespaces",
    container: { app: "codespaces", org: "octo-org" },
    level: "org",
    missingBase: "/orgs/nope/codespaces",
    limit: 1000,
  },
  {
    label: "Codespaces user",
    base: "/user/codespaces",
    template: "/user/codespaces",
    container: { app: "codespaces", user: true },
    level: "user",
    limit: 100,
  },
];

/** Extra PUT fields a scope needs (organization secrets require a visibility). */
const extraFor = (s: { level: Level }): Record<string, unknown> => (s.level === "org" ? { visibility: "all" } : {});

function checkResponse(template: string, method: string, suffix: string, status: number, body: unknown): void {
  const problem = emu.openapi.validateResponse(`${method} ${template}${suffix}`, status, body);
  assert.equal(problem, undefined, `${method} ${template}${suffix} → ${status}: ${problem}`);
}

// ---------------------------------------------------------------------------------------------

describe("GitHub emulator", function () {
  this.timeout(10000);

  // An emulator of this suite's own (hooks inside the describe: not root hooks of the whole run).
  before(async () => {
    await sodium.ready;
    emu = await startEmulator();
  });

  after(async () => {
    await emu?.close();
  });

  beforeEach(() => emu.reset());

  for (const scope of SECRET_SCOPES) {
    describe(`secrets, ${scope.label} (${scope.base})`, () => {
      const put = async (name: string, value: string | Uint8Array, extra = extraFor(scope)) =>
        call("PUT", `${scope.base}/secrets/${name}`, { ...(await sealedFor(scope.base, value)), ...extra });

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

      it(`refuses a secret beyond the ${scope.limit}-secret limit`, async () => {
        for (let i = 0; i < scope.limit; i++) emu.putSecretBehindBack(scope.container, `S${i}`, "x");
        const r = await put("ONE_MORE", "x");
        assert.equal(r.status, 422);
        assert.equal((await put("S0", "replaced")).status, 204, "updates still work at the limit");
      });

      it("serves a 32-byte X25519 public key whose sealed boxes open", async () => {
        const r = await call("GET", `${scope.base}/secrets/public-key`);
        assert.equal(r.status, 200);
        checkResponse(scope.template, "GET", "/secrets/public-key", 200, r.body);
        assert.equal(Buffer.from(r.body.key, "base64").length, 32);
        assert.match(r.body.key_id, /^\d+$/);
        assert.deepEqual(emu.publicKey(scope.container), { keyId: r.body.key_id, key: r.body.key });
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

  describe("variables", () => {
    const VARIABLE_SCOPES = SECRET_SCOPES.filter((s) => s.container.app === "actions");

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

  describe("HTTP behaviour", () => {
    it("answers 401 without the right token, and accepts token and Bearer schemes", async () => {
      let r = await call("GET", "/user", undefined, { auth: null });
      assert.equal(r.status, 401);
      assert.equal(r.body.message, "Requires authentication");
      r = await call("GET", "/repos/octo-org/app/actions/secrets", undefined, { auth: "token wrong" });
      assert.equal(r.status, 401);
      assert.deepEqual(r.body, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
      r = await call("GET", "/user", undefined, { auth: `Bearer ${emu.token}` });
      assert.equal(r.status, 200);
      assert.equal(r.body.login, "octocat");
    });

    it("sends GitHub's headers", async () => {
      const r = await call("GET", "/repos/octo-org/app/actions/secrets");
      assert.equal(r.headers.get("content-type"), "application/json; charset=utf-8");
      assert.equal(r.headers.get("x-github-api-version-selected"), "2022-11-28");
      assert.match(r.headers.get("x-github-request-id") ?? "", /^[0-9A-F]{4}(:[0-9A-F]{4}){4}$/);
      assert.equal(r.headers.get("x-ratelimit-limit"), "5000");
      assert.equal(r.headers.get("x-ratelimit-resource"), "core");
      const remaining = Number(r.headers.get("x-ratelimit-remaining"));
      const r2 = await call("GET", "/user");
      assert.equal(Number(r2.headers.get("x-ratelimit-remaining")), remaining - 1);
      assert.ok(Number(r2.headers.get("x-ratelimit-reset")) > Date.now() / 1000);
      const pinned = await call("GET", "/user", undefined, { headers: { "x-github-api-version": "2022-11-28" } });
      assert.equal(pinned.status, 200);
      assert.equal((await call("GET", "/user", undefined, { headers: { "x-github-api-version": "1999-01-01" } })).status, 400);
    });

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

    it("stamps second-precision timestamps from an injectable clock, strictly increasing per write", async () => {
      const c: Container = { app: "actions", owner: "octo-org", repo: "app" };
      emu.clock.set(new Date("2026-11-24T10:00:00.750Z"));
      await call("PUT", "/repos/octo-org/app/actions/secrets/T1", await sealedFor("/repos/octo-org/app/actions", "a"));
      await call("PUT", "/repos/octo-org/app/actions/secrets/T1", await sealedFor("/repos/octo-org/app/actions", "b"));
      emu.putSecretBehindBack(c, "T1", "c");
      const s = emu.getSecret(c, "T1")!;
      assert.equal(s.createdAt, "2026-11-24T10:00:00Z");
      assert.equal(s.updatedAt, "2026-11-24T10:00:02Z");
      emu.clock.advance(3_600_000);
      emu.putSecretBehindBack(c, "T1", "d");
      assert.equal(emu.getSecret(c, "T1")?.updatedAt, "2026-11-24T11:00:00Z");
      assert.equal(emu.clock.now().toISOString(), "2026-11-24T11:00:00.750Z");
      emu.reset();
      assert.ok(Math.abs(emu.clock.now().getTime() - Date.now()) < 5000, "reset returns to the real clock");
      emu.putSecretBehindBack(c, "R", "1");
      emu.putSecretBehindBack(c, "R", "2");
      const r = emu.getSecret(c, "R")!;
      assert.match(r.updatedAt, ISO_SECONDS);
      assert.ok(r.updatedAt > r.createdAt, "two writes within one real second still differ");
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

  describe("behind-the-back changes", () => {
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

  describe("eventual consistency switch", () => {
    const base = "/repos/octo-org/app/actions";

    it("hides a newly created secret from GET for a time window", async () => {
      emu.setReadAfterWriteDelay(150);
      assert.equal((await call("PUT", `${base}/secrets/EC`, await sealedFor(base, "v"))).status, 201);
      assert.equal((await call("GET", `${base}/secrets/EC`)).status, 404);
      assert.ok(emu.getSecret({ app: "actions", owner: "octo-org", repo: "app" }, "EC"), "it is stored");
      await sleep(200);
      assert.equal((await call("GET", `${base}/secrets/EC`)).status, 200);
    });

    it("hides a newly created secret or variable from the next K GETs", async () => {
      emu.setReadAfterWriteMisses(2);
      await call("PUT", `${base}/secrets/EC2`, await sealedFor(base, "v"));
      assert.deepEqual(
        [
          (await call("GET", `${base}/secrets/EC2`)).status,
          (await call("GET", `${base}/secrets/EC2`)).status,
          (await call("GET", `${base}/secrets/EC2`)).status,
        ],
        [404, 404, 200],
      );
      await call("POST", `${base}/variables`, { name: "EV", value: "x" });
      assert.equal((await call("GET", `${base}/variables/EV`)).status, 404);
      assert.equal((await call("GET", `${base}/variables/EV`)).status, 404);
      assert.equal((await call("GET", `${base}/variables/EV`)).status, 200);
      // updates are not hidden
      assert.equal((await call("PUT", `${base}/secrets/EC2`, await sealedFor(base, "w"))).status, 204);
      assert.equal((await call("GET", `${base}/secrets/EC2`)).status, 200);
    });

    it("stale reads: after an update, GET and the list show the previous version until the window ends", async () => {
      const c: Container = { app: "actions", owner: "octo-org", repo: "app" };
      await call("PUT", `${base}/secrets/OLD`, await sealedFor(base, "v1"));
      await call("POST", `${base}/variables`, { name: "OLDV", value: "v1" });
      const before = { secret: emu.getSecret(c, "OLD")!.updatedAt, variable: emu.getVariable(c, "OLDV")!.updatedAt };
      emu.setStaleReads(60_000);
      await call("PUT", `${base}/secrets/OLD`, await sealedFor(base, "v2"));
      await call("PATCH", `${base}/variables/OLDV`, { value: "v2" });
      await call("PATCH", `${base}/variables/OLDV`, { value: "v3" });
      assert.ok(emu.getSecret(c, "OLD")!.updatedAt > before.secret, "the write landed");
      assert.equal((await call("GET", `${base}/secrets/OLD`)).body.updated_at, before.secret);
      assert.equal((await call("GET", `${base}/secrets`)).body.secrets[0].updated_at, before.secret);
      // A replica lagging behind two writes shows the version before the first.
      const variable = (await call("GET", `${base}/variables/OLDV`)).body;
      assert.deepEqual([variable.value, variable.updated_at], ["v1", before.variable]);
      assert.equal((await call("GET", `${base}/variables`)).body.variables[0].value, "v1");
      emu.endStaleReads();
      assert.equal((await call("GET", `${base}/secrets/OLD`)).body.updated_at, emu.getSecret(c, "OLD")!.updatedAt);
      assert.equal((await call("GET", `${base}/variables/OLDV`)).body.value, "v3");
    });

    it("answers with a Date header from its own clock: a write's Date is its updated_at, later writes are stamped after it", async () => {
      const c: Container = { app: "actions", owner: "octo-org", repo: "app" };
      emu.clock.set(new Date("2031-05-06T07:08:09.900Z"));
      const created = await call("PUT", `${base}/secrets/DATED`, await sealedFor(base, "v"));
      assert.equal(created.headers.get("date"), "Tue, 06 May 2031 07:08:09 GMT");
      assert.equal(emu.getSecret(c, "DATED")!.updatedAt, "2031-05-06T07:08:09Z");
      // The clock stands still: the next write is stamped a second after the Date already sent.
      const updated = await call("PUT", `${base}/secrets/DATED`, await sealedFor(base, "w"));
      assert.equal(emu.getSecret(c, "DATED")!.updatedAt, "2031-05-06T07:08:10Z");
      assert.equal(updated.headers.get("date"), "Tue, 06 May 2031 07:08:10 GMT");
      assert.equal((await call("GET", "/user")).headers.get("date"), "Tue, 06 May 2031 07:08:10 GMT");
    });
  });

  describe("fault injection", () => {
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

    it("emulates the secondary rate limit on concurrent or hurried writes", async () => {
      const base = "/repos/octo-org/app/actions";
      const sealed = await sealedFor(base, "v");
      emu.setLatency(40);
      emu.setSecondaryRateLimit({ maxConcurrentWrites: 1, retryAfterSeconds: 2 });
      const parallel = await Promise.all(["P1", "P2", "P3"].map((n) => call("PUT", `${base}/secrets/${n}`, sealed)));
      const refused = parallel.filter((r) => r.status === 403);
      assert.ok(refused.length >= 1, `some writes refused: ${parallel.map((r) => r.status).join(",")}`);
      assert.ok(parallel.some((r) => r.status === 201));
      assert.match(refused[0]!.body.message, /secondary rate limit/);
      assert.equal(refused[0]!.headers.get("retry-after"), "2");
      for (const n of ["S1", "S2", "S3"]) assert.equal((await call("PUT", `${base}/secrets/${n}`, sealed)).status, 201);
      assert.equal(emu.maxConcurrency({ method: "PUT", fault: false }), 1);
      assert.equal(emu.countWrites({ fault: true }), refused.length);

      emu.setLatency(0);
      emu.setSecondaryRateLimit({ minWriteIntervalMs: 10_000 });
      assert.equal((await call("PUT", `${base}/secrets/I1`, sealed)).status, 201);
      assert.equal((await call("PUT", `${base}/secrets/I2`, sealed)).status, 403);
      assert.equal((await call("GET", `${base}/secrets`)).status, 200, "reads are not limited");
    });

    it("emulates the content-creation limit: writes beyond N per window get 403 with retry-after until the window has room", async () => {
      const base = "/repos/octo-org/app/actions";
      const sealed = await sealedFor(base, "v");
      emu.setContentCreationLimit([{ count: 3, windowMs: 1500 }]);
      const firstAt = Date.now();
      assert.equal((await call("PUT", `${base}/secrets/C1`, sealed)).status, 201);
      assert.equal((await call("POST", `${base}/variables`, { name: "C2", value: "v" })).status, 201);
      assert.equal((await call("DELETE", `${base}/secrets/C1`)).status, 204, "every write counts, deletes too");
      const refused = await call("PUT", `${base}/secrets/C3`, sealed);
      assert.equal(refused.status, 403);
      assert.match(refused.body.message, /exceeded a secondary rate limit and have been temporarily blocked from content creation/);
      const retryAfter = Number(refused.headers.get("retry-after"));
      assert.ok(retryAfter >= 1 && retryAfter <= 2, `retry-after ${retryAfter}`);
      assert.ok(Date.now() + retryAfter * 1000 >= firstAt + 1500, "retry-after reaches the moment the first write leaves the window");
      assert.equal((await call("GET", `${base}/secrets`)).status, 200, "reads are not limited");
      assert.equal(emu.getSecret({ app: "actions", owner: "octo-org", repo: "app" }, "C3"), undefined, "a refused write changes nothing");

      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      assert.equal((await call("PUT", `${base}/secrets/C3`, sealed)).status, 201, "room again; the refusal did not count");
    });

    it("applies every content-creation window (GitHub: per minute and per hour), and reset() lifts it", async () => {
      assert.deepEqual(GITHUB_CONTENT_CREATION_LIMITS, [{ count: 80, windowMs: 60_000 }, { count: 500, windowMs: 3_600_000 }]);
      const base = "/repos/octo-org/app/actions";
      const sealed = await sealedFor(base, "v");
      emu.setContentCreationLimit([{ count: 2, windowMs: 300 }, { count: 3, windowMs: 60_000 }]);
      for (const n of ["W1", "W2"]) assert.equal((await call("PUT", `${base}/secrets/${n}`, sealed)).status, 201);
      const short = await call("PUT", `${base}/secrets/W3`, sealed);
      assert.deepEqual([short.status, short.headers.get("retry-after")], [403, "1"], "the short window is full");
      await new Promise((resolve) => setTimeout(resolve, 350));
      assert.equal((await call("PUT", `${base}/secrets/W3`, sealed)).status, 201);
      const long = await call("PUT", `${base}/secrets/W4`, sealed);
      assert.equal(long.status, 403, "the long window is full");
      assert.ok(Number(long.headers.get("retry-after")) >= 59, `retry-after ${long.headers.get("retry-after")}`);

      emu.reset();
      assert.equal((await call("PUT", `${base}/secrets/W4`, sealed)).status, 201);
      assert.throws(() => emu.setContentCreationLimit([{ count: 0, windowMs: 1000 }]), /invalid content-creation window/);
    });
  });

  describe("request log and reset", () => {
    it("records method, raw path, route, status, body and a header subset", async () => {
      const base = "/repos/octo-org/app/actions";
      const sealed = await sealedFor(base, "v");
      await call("PUT", `${base}/secrets/lower_case`, sealed, { headers: { "user-agent": "emulator-test" } });
      const put = emu.requests.at(-1)!;
      assert.equal(put.method, "PUT");
      assert.equal(put.path, `${base}/secrets/lower_case`);
      assert.equal(put.route, "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}");
      assert.equal(put.status, 201);
      assert.deepEqual(put.body, sealed);
      assert.equal(put.headers.authorization, "token [REDACTED]");
      assert.equal(put.headers["user-agent"], "emulator-test");
      assert.equal(JSON.stringify(emu.requests).includes(emu.token), false, "the token never lands in the log");
      await call("GET", "/nowhere?x=1");
      const lost = emu.requests.at(-1)!;
      assert.equal(lost.route, undefined);
      assert.equal(lost.status, 404);
      assert.equal(lost.query, "x=1");
      assert.equal(emu.countWrites(), 1);
      assert.equal(emu.countWrites({ route: "/repos/{owner}/{repo}/actions/secrets/{secret_name}" }), 1);
      emu.clearRequests();
      assert.equal(emu.requests.length, 0);
    });

    it("reset() returns to the seed state on the same port", async () => {
      const url = emu.url;
      const c: Container = { app: "actions", owner: "octo-org", repo: "app" };
      emu.putSecretBehindBack(c, "GONE", "x");
      emu.putVariableBehindBack(c, "GONE", "x");
      emu.injectFault({ path: "/user", status: 500 });
      emu.setReadAfterWriteMisses(5);
      emu.clock.set(new Date("2030-01-01T00:00:00Z"));
      emu.reset();
      assert.equal(emu.url, url);
      assert.equal(emu.listSecrets(c).length, 0);
      assert.equal(emu.listVariables(c).length, 0);
      assert.equal(emu.requests.length, 0);
      assert.equal((await call("GET", "/user")).status, 200, "faults cleared");
      await call("PUT", "/repos/octo-org/app/actions/secrets/NEW", await sealedFor("/repos/octo-org/app/actions", "v"));
      assert.equal((await call("GET", "/repos/octo-org/app/actions/secrets/NEW")).status, 200, "switch cleared");
      assert.ok(emu.getSecret(c, "NEW")!.createdAt < "2030", "clock back to real time");
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

  describe("with @octokit/rest", () => {
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
});
