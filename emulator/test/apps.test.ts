// The emulator's GitHub Apps: RS256 JWTs checked like GitHub checks them, installation tokens
// that expire and reach only their installation's repositories and permissions, and serving
// under a GitHub Enterprise Server path prefix.

import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import { startEmulator, type EmulatorApp, type GitHubEmulator } from "../index";

let emu: GitHubEmulator;

async function call(method: string, path: string, auth: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { accept: "application/vnd.github+json", authorization: auth };
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${emu.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A JWT as an App signs it (https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app). */
function jwt(privateKey: string, claims: { iss?: unknown; iat?: number; exp?: number } = {}, alg = "RS256"): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const body = `${part({ alg, typ: "JWT" })}.${part({ iat: now - 60, exp: now + 540, ...claims })}`;
  return `${body}.${sign("RSA-SHA256", Buffer.from(body), privateKey).toString("base64url")}`;
}

async function installationToken(app: EmulatorApp, installationId = app.installations[0]!.id): Promise<{ status: number; body: any }> {
  return call("POST", `/app/installations/${installationId}/access_tokens`, `Bearer ${jwt(app.privateKey, { iss: app.id })}`);
}

const listSecrets = (owner: string, repo: string, token: string) => call("GET", `/repos/${owner}/${repo}/actions/secrets`, `token ${token}`);

describe("emulator: GitHub Apps", () => {
  let app: EmulatorApp;

  before(async () => {
    emu = await startEmulator({ port: 0, apps: [{ id: 42, installations: [{ id: 7, account: "octo-org" }] }] });
    app = emu.apps[0]!;
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  it("issues an installation token for a JWT signed with the App's key; the token reaches the installation's repositories", async () => {
    assert.match(app.privateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
    const reply = await installationToken(app);
    assert.equal(reply.status, 201);
    assert.match(reply.body.token, /^ghs_/);
    const lifetime = Date.parse(reply.body.expires_at) - Date.now();
    assert.ok(lifetime > 3590_000 && lifetime <= 3600_000, `expires in ${lifetime} ms`);
    assert.equal(reply.body.permissions.secrets, "write");
    assert.equal(reply.body.repository_selection, "all");
    assert.equal((await listSecrets("octo-org", "app", reply.body.token)).status, 200);
    assert.deepEqual(emu.issuedInstallationTokens().map((t) => [t.installationId, t.uses]), [[7, 1]]);
  });

  for (const [what, token, message] of [
    ["a JWT signed by another key", () => jwt(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString(), { iss: 42 }), /could not be decoded/],
    ["an expired JWT", () => jwt(app.privateKey, { iss: 42, iat: Math.floor(Date.now() / 1000) - 700, exp: Math.floor(Date.now() / 1000) - 10 }), /'exp'/],
    ["a JWT valid for more than ten minutes", () => jwt(app.privateKey, { iss: 42, exp: Math.floor(Date.now() / 1000) + 1200 }), /too far in the future/],
    ["a JWT issued in the future", () => jwt(app.privateKey, { iss: 42, iat: Math.floor(Date.now() / 1000) + 300 }), /'iat'/],
    ["a JWT naming another App", () => jwt(app.privateKey, { iss: 43 }), /'iss'/],
    ["a JWT with another algorithm", () => jwt(app.privateKey, { iss: 42 }, "HS256"), /could not be decoded/],
    ["a garbled JWT", () => "a.b.c", /could not be decoded|Bad credentials/],
  ] as const) {
    it(`answers 401 to ${what}`, async () => {
      const reply = await call("POST", "/app/installations/7/access_tokens", `Bearer ${token()}`);
      assert.equal(reply.status, 401);
      assert.match(reply.body.message, message);
      assert.equal(emu.issuedInstallationTokens().length, 0);
    });
  }

  it("answers 404 for an installation of another App, and keeps JWTs and installation tokens to their own routes", async () => {
    assert.equal((await installationToken(app, 8)).status, 404);
    const token = (await installationToken(app)).body.token as string;
    assert.equal((await call("POST", "/app/installations/7/access_tokens", `token ${token}`)).status, 401);
    const withJwt = await call("GET", "/repos/octo-org/app/actions/secrets", `Bearer ${jwt(app.privateKey, { iss: 42 })}`);
    assert.equal(withJwt.status, 403);
  });

  it("expires installation tokens: 401 Bad credentials after expires_at", async () => {
    emu.setInstallationTokenLifetime(60);
    const reply = await installationToken(app);
    assert.ok(Date.parse(reply.body.expires_at) - Date.now() <= 60_000);
    assert.equal((await listSecrets("octo-org", "app", reply.body.token)).status, 200);
    emu.clock.advance(61_000);
    const expired = await listSecrets("octo-org", "app", reply.body.token);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.message, "Bad credentials");
  });

  it("limits a token to the installation's repositories and permissions: 403 Resource not accessible by integration", async () => {
    const limited = emu.addApp({ installations: [{ account: "octo-org", repositories: ["app"], permissions: { secrets: "write", actions_variables: "read" } }] });
    const token = (await installationToken(limited)).body.token as string;
    assert.equal((await listSecrets("octo-org", "app", token)).status, 200);
    const denied = [
      await listSecrets("octo-org", "api", token), // repository outside the installation
      await listSecrets("octocat", "dotfiles", token), // another account
      await call("GET", "/repos/octo-org/app/dependabot/secrets", `token ${token}`), // no dependabot_secrets
      await call("GET", "/orgs/octo-org/actions/secrets", `token ${token}`), // no organization_secrets
      await call("POST", "/repos/octo-org/app/actions/variables", `token ${token}`, { name: "X", value: "1" }), // read only
      await call("GET", "/repos/octo-org/app/environments/production/secrets", `token ${token}`), // no environments
      await call("GET", "/user/codespaces/secrets", `token ${token}`), // user secrets: not for installations
      await call("GET", "/repos/octo-org/api", `token ${token}`),
    ];
    for (const reply of denied) {
      assert.equal(reply.status, 403);
      assert.equal(reply.body.message, "Resource not accessible by integration");
    }
    assert.equal((await call("GET", "/repos/octo-org/app/actions/variables", `token ${token}`)).status, 200);
    assert.equal((await call("GET", "/repos/octo-org/app", `token ${token}`)).status, 200);
  });

  it("reset() forgets Apps added later and issued tokens, keeps those given at start", async () => {
    emu.addApp();
    assert.equal(emu.apps.length, 2);
    const token = (await installationToken(app)).body.token as string;
    emu.reset();
    assert.deepEqual(emu.apps.map((a) => a.id), [42]);
    assert.equal((await listSecrets("octo-org", "app", token)).status, 401);
  });
});

describe("emulator: served under a path prefix (GitHub Enterprise Server)", () => {
  before(async () => {
    emu = await startEmulator({ port: 0, pathPrefix: "/api/v3/" });
  });
  after(() => emu.close());

  it("answers under /api/v3 only, and links to URLs with the prefix", async () => {
    assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    const inside = await call("GET", "/repos/octo-org/app", `token ${emu.token}`);
    assert.equal(inside.status, 200);
    assert.equal(inside.body.url, `${emu.url}/repos/octo-org/app`);
    const origin = emu.url.replace(/\/api\/v3$/, "");
    const outside = await fetch(`${origin}/repos/octo-org/app`, { headers: { authorization: `token ${emu.token}` } });
    assert.equal(outside.status, 404);
    assert.equal(emu.findRequests({ status: 200 })[0]?.path, "/repos/octo-org/app");
  });
});
