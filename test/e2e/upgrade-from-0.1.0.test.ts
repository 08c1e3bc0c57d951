import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type GitHubEmulator } from "../../emulator";
import { assertNoPlaintext, configureForEmulator, packRepository, removeDir, requirePulumiCli, resourcesOf, setUpUserProject, workspaceFor, tearDownStack } from "./support";

/*
 * A stack created with the released 0.1.0 (test/e2e/fixtures) must keep working once the
 * user installs the current build. Its state holds `__provider` texts that require
 * pulumi-github-secrets/dist/provider/provider-methods.js, which in turn requires
 * dist/provider/operations.js: both paths are public API. `preview` alone deserializes only
 * the new program's providers, so the upgrade step also refreshes, which loads each
 * resource's provider from the 0.1.0 state, as `destroy` will.
 */

const RELEASED = path.join(__dirname, "fixtures", "pulumi-github-secrets-0.1.0.tgz");
const PROVIDER_METHODS = /require\("pulumi-github-secrets\/dist\/provider\/provider-methods\.js"\)/;
const REPO = { app: "actions", owner: "octo-org", repo: "app" } as const;
const ORG = { app: "actions", org: "octo-org" } as const;

describe("end to end: a stack created with the released 0.1.0, upgraded to the current build", function () {
  this.timeout(600_000);
  // Each step builds on the stack the one before left.
  this.bail(true);
  const stack = "dev";
  const values = { db: `db-${randomBytes(16).toString("hex")}`, shared: `shared-${randomBytes(16).toString("hex")}` };
  // Every value the stack was ever given, and the token: none may show in state or output.
  const plaintexts = [values.db, values.shared];
  let emulator: GitHubEmulator;
  let projectDir: string;
  let context: ReturnType<typeof workspaceFor>;
  let released: ReturnType<typeof resourcesOf>;

  before(async () => {
    requirePulumiCli();
    emulator = await startEmulator({ port: 0 });
    plaintexts.push(emulator.token);
    projectDir = mkdtempSync(path.join(os.tmpdir(), "github-secrets-upgrade-project-"));
    // In a folder of its own: the current build's tarball has the same file name.
    mkdirSync(path.join(projectDir, "released"));
    copyFileSync(RELEASED, path.join(projectDir, "released", path.basename(RELEASED)));
    setUpUserProject(projectDir, `released/${path.basename(RELEASED)}`);

    context = workspaceFor(projectDir, "github-secrets-e2e-upgrade");
    await context.workspace.run(["stack", "init", stack]);
    await configureForEmulator(context.workspace, emulator);
    await context.workspace.setConfig("dbValue", values.db, { secret: true });
    await context.workspace.setConfig("sharedValue", values.shared, { secret: true });
    await context.workspace.setConfig(
      "spec",
      JSON.stringify([
        { type: "RepoSecret", name: "db", args: { repository: "app", secretName: "DB_PASSWORD" }, valueFrom: "dbValue" },
        { type: "OrgSecret", name: "shared", args: { secretName: "SHARED", selectedRepositories: ["app", "api"] }, valueFrom: "sharedValue" },
        { type: "RepoVariable", name: "region", args: { repository: "app", variableName: "REGION", value: "eu-west-1" } },
      ]),
    );
  });

  after(async () => {
    await tearDownStack(context, stack, emulator);
    if (projectDir) removeDir(projectDir);
  });

  it("1. with 0.1.0 installed, up writes every item; the state's __provider requires provider-methods.js", async () => {
    await context.workspace.run(["up", "--yes", "--stack", stack]);
    assert.equal(emulator.getSecret(REPO, "DB_PASSWORD")?.value, values.db);
    const shared = emulator.getSecret(ORG, "SHARED");
    assert.equal(shared?.value, values.shared);
    assert.deepEqual(shared?.selectedRepositoryIds, [1001, 1002]);
    assert.equal(emulator.getVariable(REPO, "REGION")?.value, "eu-west-1");

    released = resourcesOf(await context.workspace.exportState());
    assert.equal(released.length, 3);
    for (const resource of released) assertProviderRequiresMethods(resource);
    await assertNoPlaintext(context, plaintexts, "0.1.0 up");
  });

  it("2. the current build installed over it: preview and refresh show no changes, write nothing, keep __provider", async () => {
    mkdirSync(path.join(projectDir, "current"));
    const tarball = `current/${packRepository(path.join(projectDir, "current"))}`;
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline", `pulumi-github-secrets@file:./${tarball}`], { cwd: projectDir, stdio: "pipe" });
    // What npm installed is that tarball, not the 0.1.0 one it replaces.
    const locked = (JSON.parse(readFileSync(path.join(projectDir, "package-lock.json"), "utf8")) as { packages: Record<string, { resolved?: string; integrity?: string }> }).packages["node_modules/pulumi-github-secrets"];
    assert.equal(locked?.resolved, `file:${tarball}`);
    assert.equal(locked?.integrity, `sha512-${createHash("sha512").update(readFileSync(path.join(projectDir, tarball))).digest("base64")}`);

    emulator.clearRequests();
    await context.workspace.run(["preview", "--expect-no-changes", "--stack", stack]);
    await context.workspace.run(["refresh", "--yes", "--expect-no-changes", "--stack", stack]);
    assert.equal(emulator.countWrites(), 0);

    const upgraded = resourcesOf(await context.workspace.exportState());
    assert.deepEqual(upgraded.map((r) => r.urn).sort(), released.map((r) => r.urn).sort());
    for (const resource of upgraded) {
      assertProviderRequiresMethods(resource);
      const before = released.find((r) => r.urn === resource.urn)!;
      assert.equal(resource.outputs.__provider, before.outputs.__provider, `${resource.urn}: refresh changed __provider`);
    }
    await assertNoPlaintext(context, plaintexts, "upgrade");
  });

  it("3. one secret's value changed: up sends exactly one write, and the emulator holds the new value", async () => {
    values.db = `db-${randomBytes(16).toString("hex")}`;
    plaintexts.push(values.db);
    await context.workspace.setConfig("dbValue", values.db, { secret: true });
    emulator.clearRequests();
    await context.workspace.run(["up", "--yes", "--stack", stack]);
    assert.equal(emulator.countWrites(), 1);
    assert.deepEqual(
      emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`),
      ["PUT /repos/octo-org/app/actions/secrets/DB_PASSWORD"],
    );
    assert.equal(emulator.getSecret(REPO, "DB_PASSWORD")?.value, values.db);
    assert.equal(emulator.getSecret(ORG, "SHARED")?.value, values.shared);
    // The secret the current build wrote serializes its provider to the same public path.
    for (const resource of resourcesOf(await context.workspace.exportState())) assertProviderRequiresMethods(resource);
    await assertNoPlaintext(context, plaintexts, "up after the upgrade");
  });

  it("4. destroy removes every item, with the providers the state recorded", async () => {
    await context.workspace.run(["destroy", "--yes", "--stack", stack]);
    assert.equal(emulator.listSecrets(REPO).length, 0);
    assert.equal(emulator.listSecrets(ORG).length, 0);
    assert.equal(emulator.listVariables(REPO).length, 0);
    assert.equal(resourcesOf(await context.workspace.exportState()).length, 0);
    await assertNoPlaintext(context, plaintexts, "destroy");
  });
});

/** Both the inputs (what the engine diffs) and the outputs (what read and delete load) hold it. */
function assertProviderRequiresMethods(resource: ReturnType<typeof resourcesOf>[number]): void {
  assert.match(String(resource.outputs.__provider), PROVIDER_METHODS, `${resource.urn}: outputs.__provider`);
  assert.match(String(resource.inputs.__provider), PROVIDER_METHODS, `${resource.urn}: inputs.__provider`);
}
