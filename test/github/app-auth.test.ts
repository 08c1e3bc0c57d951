import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { readStackSettings, resolveConfiguration } from "../../provider/deployment/configuration";
import { appAuthOptions } from "../../provider/github/app-auth";
import { deployment, provider as operations, stackConfig } from "../support/deployment";
import type { ResolvedInputs, ScopeKey } from "../../provider/types";
import type { EmulatorApp } from "../../emulator";
import { configureProvider } from "../support/configure-provider";
import { restoreEnvironment, snapshotEnvironment } from "../support/environment";
import { emulator } from "../support/root-hooks";
import { scopeFixtures } from "../support/scope-fixtures";

/*
 * Authentication as a GitHub App installation (github:appAuth, GITHUB_APP_*), against the
 * emulator's Apps: tokens bought with an RS256 JWT, renewed before they expire, limited to the
 * installation's repositories and permissions; failures explained without any credential.
 */

const REPO = { app: "actions" as const, owner: "octo-org", repo: "app" };
const APP_ENV = ["GITHUB_APP_ID", "GITHUB_APP_INSTALLATION_ID", "GITHUB_APP_PEM_FILE", "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_BASE_URL", "GITHUB_API_URL"] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function create(scope: ScopeKey, news: Record<string, unknown>) {
  const checked = await operations.check(scope, {}, news);
  assert.deepEqual(checked.failures, []);
  return operations.create(scope, checked.inputs as ResolvedInputs);
}

const secret = (name: string, value = `value-of-${name}`) => ({ owner: "octo-org", repository: "app", secretName: name, value });

describe("GitHub App authentication: installation tokens bought, renewed, limited and explained", () => {
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  let app: EmulatorApp;
  let savedEnv: Record<string, string | undefined> = {};

  const appAuth = (overrides: Record<string, unknown> = {}) => ({
    "github:token": undefined,
    "github:appAuth": JSON.stringify({ id: String(app.id), installationId: String(app.installations[0]!.id), pemFile: app.privateKey, ...overrides }),
  });

  /** Nothing that could authenticate: the key, its lines, installation tokens, the emulator's token. */
  const assertNoCredential = (text: string) => {
    for (const credential of [app.privateKey, ...app.privateKey.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----")), ...emulator().issuedInstallationTokens().map((t) => t.token), emulator().token]) {
      assert.ok(!text.includes(credential), `a credential (${credential.slice(0, 8)}…) appears in: ${text}`);
    }
  };

  beforeEach(() => {
    savedEnv = snapshotEnvironment(APP_ENV);
    restoreEnvironment(Object.fromEntries(APP_ENV.map((name) => [name, undefined])));
    app = emulator().addApp({ id: 4242, privateKey, installations: [{ id: 77, account: "octo-org" }] });
  });
  afterEach(() => restoreEnvironment(savedEnv));

  describe("every scope an installation can reach", () => {
    for (const fixture of scopeFixtures) {
      const user = fixture.key === "codespaces-user-secret";
      it(`${fixture.key}: ${user ? "explains that installation tokens cannot reach user secrets" : "writes as the App's installation"}`, async () => {
        await configureProvider(appAuth());
        const news = { ...fixture.inputs, [fixture.nameProperty]: "FROM_APP", value: "app-written-value" };
        if (user) {
          await assert.rejects(create(fixture.key, news), (error: Error) => {
            assert.match(error.message, /GitHub App installation may not manage this.*Resource not accessible by integration/);
            assertNoCredential(error.message);
            return true;
          });
          return;
        }
        await create(fixture.key, news);
        const stored = fixture.kind === "secret" ? emulator().getSecret(fixture.container, "FROM_APP") : emulator().getVariable(fixture.container, "FROM_APP");
        assert.equal(stored?.value, "app-written-value");
        const issued = emulator().issuedInstallationTokens();
        assert.equal(issued.length, 1);
        assert.ok(issued[0]!.uses > 0);
      });
    }
  });

  it("renews the installation token before it expires, in the middle of a deployment", async () => {
    // A token of 3 s (GitHub's last an hour) is renewed once half its life is past (at most 5 min before
    // expiry): more than a second after it was issued, time enough for R2 on a loaded machine.
    emulator().setInstallationTokenLifetime(3);
    await configureProvider(appAuth());
    await create("actions-repository-secret", secret("R1"));
    const issuedBy = Date.now();
    await create("actions-repository-secret", secret("R2"));
    assert.equal(emulator().issuedInstallationTokens().length, 1, "a fresh token is used again");
    // Past the middle of the first token's life (it was received before `issuedBy`), not yet at its end.
    const expires = Date.parse(emulator().issuedInstallationTokens()[0]!.expiresAt);
    const past = (expires + issuedBy) / 2 + 30;
    assert.ok(expires - past > 100, "the first token's life is long enough to test within");
    await sleep(past - Date.now());
    await create("actions-repository-secret", secret("R3"));
    assert.ok(Date.now() < expires, "R3 was written before the first token expired");
    const [first, second] = emulator().issuedInstallationTokens();
    assert.equal(emulator().issuedInstallationTokens().length, 2, "renewed before it expired");
    assert.ok(second!.uses > 0 && first!.uses > 0);
    for (const name of ["R1", "R2", "R3"]) assert.equal(emulator().getSecret(REPO, name)?.value, `value-of-${name}`);
    assert.deepEqual(emulator().findRequests({ status: 401 }), [], "a request was sent with an expired token");
  });

  it("signs each JWT by GitHub's clock once auth-app has measured the skew, and tells auth-app when it expires", async () => {
    // auth-app passes the skew (GitHub's clock minus ours, in seconds) after GitHub refused a JWT's times.
    const issued = { installationTokens: new Set<string>(), appJwts: new Set<string>() };
    const { createJwt } = appAuthOptions({ appId: "4242", installationId: 77, privateKey, source: "github:appAuth" }, issued).auth;
    for (const skew of [undefined, 0, 3600, -3600]) {
      const before = Math.floor(Date.now() / 1000);
      const { jwt, expiresAt } = await createJwt("4242", skew);
      const after = Math.floor(Date.now() / 1000);
      const claims = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as { iat: number; exp: number; iss: string };
      // Issued by GitHub's clock, up to a minute back (the signer's margin against drift).
      const issuedAt = claims.iat - (skew ?? 0);
      assert.ok(issuedAt >= before - 60 && issuedAt <= after, `issued at ${issuedAt}, between ${before - 60} and ${after} (skew ${skew})`);
      assert.equal(expiresAt, new Date(claims.exp * 1000).toISOString());
      assert.ok(claims.exp > claims.iat && issued.appJwts.has(jwt), "recorded, so that no message shows it");
    }
  });

  it("reads the App from GITHUB_APP_*, with the PEM's line breaks escaped as \\n", async () => {
    process.env.GITHUB_APP_ID = String(app.id);
    process.env.GITHUB_APP_INSTALLATION_ID = "77";
    process.env.GITHUB_APP_PEM_FILE = app.privateKey.replace(/\n/g, "\\n");
    await configureProvider({ "github:token": undefined });
    await create("actions-repository-secret", secret("FROM_ENV"));
    assert.equal(emulator().getSecret(REPO, "FROM_ENV")?.value, "value-of-FROM_ENV");
    assert.equal(emulator().issuedInstallationTokens().length, 1);
  });

  describe("precedence", () => {
    /** The settings a provider process configured with `config` would use in `env`. */
    const resolved = (config: Record<string, unknown>, env: NodeJS.ProcessEnv) => resolveConfiguration(readStackSettings(stackConfig(config)), env);

    it("an App wins over a token from the same place; stack configuration wins over the environment", () => {
      const env = { GITHUB_APP_ID: String(app.id), GITHUB_APP_INSTALLATION_ID: "77", GITHUB_APP_PEM_FILE: app.privateKey, GITHUB_TOKEN: "ghp_from_env" };
      assert.equal(resolved({ ...appAuth(), "github:token": "ghp_from_stack" }, env).app?.source, "github:appAuth");
      assert.equal(resolved({ "github:token": "ghp_from_stack" }, env).token, "ghp_from_stack");
      assert.equal(resolved({ "github:token": "ghp_from_stack" }, env).app, undefined);
      assert.equal(resolved({}, env).app?.source, "GITHUB_APP_*");
      assert.equal(resolved({}, { GITHUB_TOKEN: "ghp_from_env" }).token, "ghp_from_env");
    });

    it("GITHUB_BASE_URL wins over GITHUB_API_URL, github:baseUrl over both", () => {
      const env = { GITHUB_BASE_URL: "https://ghes.example.com/api/v3/", GITHUB_API_URL: "https://api.github.com" };
      assert.equal(resolved({}, env).baseUrl, "https://ghes.example.com/api/v3");
      assert.equal(resolved({}, { GITHUB_API_URL: "https://actions.example.com/api/v3" }).baseUrl, "https://actions.example.com/api/v3");
      assert.equal(resolved({ "github:baseUrl": "https://stack.example.com/api/v3" }, env).baseUrl, "https://stack.example.com/api/v3");
  });
  });

  describe("failures, explained without the key or a token", () => {
    // [what, configuration, message, whether it is found out before any request]
    const explained: [string, () => Record<string, unknown>, RegExp, boolean][] = [
      ["a key that is not the App's", () => appAuth({ pemFile: otherKey }), /rejected the App's JSON web token \(401\).*A JSON web token could not be decoded/, false],
      ["an unknown installation", () => appAuth({ installationId: "999" }), /no such installation of this App \(404\)/, false],
      ["a missing installationId", () => appAuth({ installationId: undefined }), /github:appAuth\.installationId as well/, true],
      ["a path instead of the PEM text", () => appAuth({ pemFile: "/home/me/app.pem" }), /github:appAuth\.pemFile must hold the App's private key as PEM text/, true],
      ["an appAuth that is no object", () => ({ "github:token": undefined, "github:appAuth": "[1]" }), /github:appAuth must be an object/, true],
    ];
    for (const [what, config, message, beforeAnyRequest] of explained) {
      it(`${what}`, async () => {
        await configureProvider(config());
        await assert.rejects(create("actions-repository-secret", secret("X")), (error: Error) => {
          assert.match(error.message, message);
          assertNoCredential(error.message);
          assert.ok(!error.message.includes(otherKey.split("\n")[1]!));
          return true;
        });
        if (beforeAnyRequest) assert.equal(emulator().requests.length, 0, "a request was sent");
      });
    }

    it("an API root that cannot be reached: no refused installation token, since the request for one never reached GitHub", async () => {
      // A second of retry backoff lasts 20 ms here.
      await configureProvider({ ...appAuth(), "github:baseUrl": "http://127.0.0.1:9" }, { secondMs: 20 });
      await assert.rejects(create("actions-repository-secret", secret("X")), (error: Error) => {
        assert.match(error.message, /failed: could not reach the GitHub API at http:\/\/127\.0\.0\.1:9 \(/);
        assertNoCredential(error.message);
        return true;
      });
    });

    it("an installation without the permission or the repository: 403 with what the App needs", async () => {
      const limited = emulator().addApp({ privateKey: otherKey, installations: [{ account: "octo-org", repositories: ["api"], permissions: { secrets: "write" } }] });
      await configureProvider({ "github:token": undefined, "github:appAuth": { id: String(limited.id), installationId: limited.installations[0]!.id, pemFile: otherKey } });
      await assert.rejects(create("actions-repository-secret", secret("X")), (error: Error) => {
        assert.match(error.message, /installation may not manage this: .*"Secrets: write", and the repository must be one the App is installed on \(403\)/);
        assertNoCredential(error.message);
        return true;
      });
    });

    it("scrubs an installation token from a message that quotes it", async () => {
      await configureProvider(appAuth());
      await create("actions-repository-secret", secret("FIRST"));
      const [token] = [...deployment().installationTokens];
      assert.ok(token?.startsWith("ghs_"));
      assert.deepEqual([token], emulator().issuedInstallationTokens().map((t) => t.token), "the deployment knows the token it was issued");
      emulator().injectFault({ method: "PUT", status: 400, times: Infinity, body: { message: `token ${token} refused`, documentation_url: "https://docs.github.com/rest" } });
      await assert.rejects(create("actions-repository-secret", secret("SECOND")), (error: Error) => {
        assert.match(error.message, /token \[REDACTED\] refused/);
        assertNoCredential(error.message);
        return true;
      });
    });
  });
});
