import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startEmulator, type Container, type EmulatorApp, type GitHubEmulator } from "../../emulator";
import { assertNoPlaintext, requirePulumiCli, resourcesOf, tearDownStack, workspaceFor } from "./support";

/*
 * The real CLI authenticated as a GitHub App (stack configuration `github:appAuth`, the
 * private key a Pulumi secret) against an emulator serving under GitHub Enterprise Server's
 * /api/v3, with a base URL given with and without a trailing slash. Installation tokens live
 * two seconds, so they run out in the middle of the deployment and must be renewed. The key,
 * every installation token and the values are searched for in state, backend files and output.
 */

const programDir = path.join(__dirname, "program");
const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const ORG: Container = { app: "actions", org: "octo-org" };

describe("end to end: a GitHub App on GitHub Enterprise Server (/api/v3)", function () {
  this.timeout(300_000);
  const stack = `e2e-app-${process.pid}`;
  let value = `app-${randomBytes(16).toString("hex")}`;
  const values: string[] = [value];
  let emulator: GitHubEmulator;
  let app: EmulatorApp;
  let context: ReturnType<typeof workspaceFor>;

  const credentials = () => [app.privateKey, ...app.privateKey.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----")), ...emulator.issuedInstallationTokens().map((t) => t.token), emulator.token];
  const spec = [
    { type: "RepoSecret", name: "db", args: { repository: "app", secretName: "DB_PASSWORD" }, valueFrom: "secretValue" },
    { type: "RepoSecret", name: "api", args: { repository: "app", secretName: "API_KEY" }, valueFrom: "secretValue" },
    { type: "OrgSecret", name: "shared", args: { secretName: "SHARED", selectedRepositories: ["app", "api"] }, valueFrom: "secretValue" },
    { type: "RepoVariable", name: "region", args: { repository: "app", variableName: "REGION", value: "eu-west-1" } },
    { type: "EnvironmentVariable", name: "tier", args: { repository: "app", environment: "production", variableName: "TIER", value: "gold" } },
  ];

  before(async () => {
    requirePulumiCli();
    emulator = await startEmulator({ port: 0, pathPrefix: "/api/v3", apps: [{ id: 31337, installations: [{ id: 9, account: "octo-org" }] }] });
    app = emulator.apps[0]!;
    context = workspaceFor(programDir, "github-secrets-e2e-app");
    const { workspace } = context;
    await workspace.run(["stack", "init", stack]);
    // As @pulumi/github reads it: github:appAuth = { id, installationId, pemFile }, the key a secret.
    await workspace.run(["config", "set", "--path", "github:appAuth.id", String(app.id), "--plaintext"]);
    await workspace.run(["config", "set", "--path", "github:appAuth.installationId", String(app.installations[0]!.id), "--plaintext"]);
    await workspace.run(["config", "set", "--path", "github:appAuth.pemFile", "--secret"], { input: app.privateKey });
    await workspace.setConfig("github:owner", "octo-org");
    await workspace.setConfig("githubSecrets:writeIntervalMs", "600");
    await workspace.setConfig("spec", JSON.stringify(spec));
  });

  after(() => tearDownStack(context, stack, emulator));

  it("up with a base URL ending in /api/v3/: the App's tokens run out and are renewed mid-deployment", async () => {
    emulator.setInstallationTokenLifetime(2);
    await context.workspace.setConfig("github:baseUrl", `${emulator.url}/`);
    await context.workspace.setConfig("secretValue", value, { secret: true });
    await context.workspace.run(["up", "--yes", "--stack", stack]);

    for (const name of ["DB_PASSWORD", "API_KEY"]) assert.equal(emulator.getSecret(REPO, name)?.value, value);
    assert.deepEqual(emulator.getSecret(ORG, "SHARED")?.selectedRepositoryIds, [1001, 1002]);
    assert.equal(emulator.getVariable({ app: "actions", owner: "octo-org", repo: "app", environment: "production" }, "TIER")?.value, "gold");
    const issued = emulator.issuedInstallationTokens();
    assert.ok(issued.length >= 2, `${issued.length} installation token(s) for a deployment longer than a token's life`);
    assert.ok(issued.filter((t) => t.uses > 0).length >= 2, "the renewed token was not used");
    assert.deepEqual(emulator.findRequests({ status: 401 }).map((r) => r.path), [], "a request went out with an expired token");
    assert.ok(emulator.requests.every((r) => r.route !== undefined), "a request outside /api/v3");
    const state = await context.workspace.exportState();
    assert.equal(resourcesOf(state).length, spec.length);
    await assertNoPlaintext(context, [...values, ...credentials()], "up as an App");
  });

  it("a value change with the base URL without the trailing slash, then refresh and destroy", async () => {
    value = `app-changed-${randomBytes(16).toString("hex")}`;
    values.push(value);
    await context.workspace.setConfig("github:baseUrl", emulator.url);
    await context.workspace.setConfig("secretValue", value, { secret: true });
    await context.workspace.run(["up", "--yes", "--stack", stack]);
    assert.equal(emulator.getSecret(REPO, "DB_PASSWORD")?.value, value);
    assert.equal(emulator.getSecret(ORG, "SHARED")?.value, value);

    const refresh = await context.workspace.run(["refresh", "--yes", "--stack", stack]);
    assert.doesNotMatch(refresh.stdout, /deleted|~ update/);
    await context.workspace.run(["destroy", "--yes", "--stack", stack]);
    assert.deepEqual(emulator.listSecrets(REPO), []);
    assert.deepEqual(emulator.listSecrets(ORG), []);
    assert.deepEqual(emulator.listVariables(REPO), []);
    assert.deepEqual(emulator.findRequests({ status: 401 }).map((r) => r.path), []);
    await assertNoPlaintext(context, [...values, ...credentials()], "update, refresh and destroy as an App");
  });
});
