import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type GitHubEmulator } from "../../emulator";
import { assertNoPlaintext, configureForEmulator, configurePluginForEmulator, packRepository, removeDir, repositoryRoot, requirePulumiCli, resourcesOf, setUpUserProject, workspaceFor, tearDownStack } from "./support";

/*
 * The package the way users get it: `npm pack`, the tarball installed into a new Pulumi
 * project outside the repository, `pulumi up` and `destroy` there. The provider is then
 * serialized from node_modules; the size of `__provider` per resource is reported. Then the
 * installed package is replaced by a changed build: an upgrade must show no diff.
 */

describe("end to end: the packed package in a fresh project", function () {
  this.timeout(600_000);
  const stack = "dev";
  const value = `packed-${randomBytes(16).toString("hex")}`;
  let emulator: GitHubEmulator;
  let projectDir: string;
  let context: ReturnType<typeof workspaceFor>;

  before(async () => {
    requirePulumiCli();
    emulator = await startEmulator({ port: 0 });
    projectDir = mkdtempSync(path.join(os.tmpdir(), "github-secrets-user-project-"));
    setUpUserProject(projectDir, packRepository(projectDir));

    context = workspaceFor(projectDir, "github-secrets-e2e-packed");
    await context.workspace.run(["stack", "init", stack]);
    await configureForEmulator(context.workspace, emulator);
    await context.workspace.setConfig("secretValue", value, { secret: true });
    await context.workspace.setConfig(
      "spec",
      JSON.stringify([
        { type: "RepoSecret", name: "db", args: { repository: "app", secretName: "DB_PASSWORD" }, valueFrom: "secretValue" },
        { type: "OrgSecret", name: "shared", args: { secretName: "SHARED", selectedRepositories: ["app", "api"] }, valueFrom: "secretValue" },
        { type: "RepoVariable", name: "region", args: { repository: "app", variableName: "REGION", value: "eu-west-1" } },
      ]),
    );
  });

  after(async () => {
    await tearDownStack(context, stack, emulator);
    if (projectDir) removeDir(projectDir);
  });

  it("runs from node_modules: up writes, a __provider of at most 1 KB, an upgrade shows no diff, destroy removes", async () => {
    await context.workspace.run(["up", "--yes", "--stack", stack]);
    assert.equal(emulator.getSecret({ app: "actions", owner: "octo-org", repo: "app" }, "DB_PASSWORD")?.value, value);
    const shared = emulator.getSecret({ app: "actions", org: "octo-org" }, "SHARED");
    assert.equal(shared?.value, value);
    assert.deepEqual(shared?.selectedRepositoryIds, [1001, 1002]);
    assert.equal(emulator.getVariable({ app: "actions", owner: "octo-org", repo: "app" }, "REGION")?.value, "eu-west-1");

    const resources = resourcesOf(await context.workspace.exportState());
    assert.equal(resources.length, 3);
    console.log("      __provider size per resource (installed from the packed tarball):");
    for (const resource of resources) {
      const provider = String(resource.outputs.__provider);
      console.log(`        ${resource.type.split(":").pop()!.padEnd(14)} ${provider.length} characters`);
      assert.match(provider, /require\("pulumi-github-secrets\/dist\/provider\/provider-methods\.js"\)/);
      assert.ok(!provider.includes(projectDir) && !provider.includes(repositoryRoot), "an absolute path in __provider");
      assert.ok(!provider.includes(emulator.token), "the token in __provider");
      assert.ok(!provider.includes(emulator.url), "the API URL in __provider");
      assert.ok(provider.length <= 1024, `__provider is ${provider.length} characters`);
    }
    await assertNoPlaintext(context, [value, emulator.token], "packed up");

    // An upgrade: the installed package replaced by a build with changed code. Nothing in the
    // state may depend on the code's text: no diff, and the state's __provider stays the same.
    upgradeInstalledPackage(path.join(projectDir, "node_modules", "pulumi-github-secrets"));
    emulator.clearRequests();
    await context.workspace.run(["preview", "--expect-no-changes", "--stack", stack]);
    await context.workspace.run(["up", "--yes", "--expect-no-changes", "--stack", stack]);
    assert.equal(emulator.countWrites(), 0);
    const upgraded = resourcesOf(await context.workspace.exportState());
    // Matched by URN: a deployment may record its resources in another order than the last one.
    assert.deepEqual(upgraded.map((r) => r.urn).sort(), resources.map((r) => r.urn).sort());
    for (const resource of upgraded) {
      const before = resources.find((r) => r.urn === resource.urn)!;
      assert.equal(resource.inputs.__provider, before.inputs.__provider, `${resource.urn}: __provider changed with the build`);
    }

    await context.workspace.run(["destroy", "--yes", "--stack", stack]);
    assert.equal(emulator.listSecrets({ app: "actions", owner: "octo-org", repo: "app" }).length, 0);
    assert.equal(emulator.listSecrets({ app: "actions", org: "octo-org" }).length, 0);
    assert.equal(emulator.listVariables({ app: "actions", owner: "octo-org", repo: "app" }).length, 0);
  });

  it("serves the provider plugin from the installed package's directory, to a Pulumi YAML program, the token encrypted in state", async () => {
    const pluginDir = path.join(projectDir, "node_modules", "pulumi-github-secrets", "dist", "provider", "plugin");
    const yamlDir = mkdtempSync(path.join(os.tmpdir(), "github-secrets-user-yaml-"));
    const yaml = workspaceFor(yamlDir, "github-secrets-e2e-packed-yaml");
    try {
      writeFileSync(
        path.join(yamlDir, "Pulumi.yaml"),
        "name: packed-plugin\nruntime: yaml\nresources:\n  region:\n    type: github-secrets:index:RepoVariable\n    properties:\n      repository: app\n      variableName: PACKED_PLUGIN\n      value: eu-north-1\n" +
          `plugins:\n  providers:\n    - name: github-secrets\n      path: ${pluginDir}\n`,
      );
      await yaml.workspace.run(["stack", "init", stack]);
      // Set without --secret on purpose: the plugin keeps the token a secret in the state anyway.
      await configurePluginForEmulator(yaml.workspace, emulator, { tokenAsSecret: false });
      await yaml.workspace.run(["up", "--yes", "--skip-preview"]);
      assert.equal(emulator.getVariable({ app: "actions", owner: "octo-org", repo: "app" }, "PACKED_PLUGIN")?.value, "eu-north-1");
      const state = await yaml.workspace.exportState();
      await yaml.workspace.run(["destroy", "--yes", "--skip-preview"]);
      assert.equal(emulator.getVariable({ app: "actions", owner: "octo-org", repo: "app" }, "PACKED_PLUGIN"), undefined);
      // The state holds the token encrypted although the stack set it in plain. Pulumi.dev.yaml
      // and the backend's update history keep the configuration as it was set (plain): that is
      // why docs/plugin.md says to set it with --secret.
      assert.ok(state.includes('"token"') && !state.includes(emulator.token), "the provider's token is in the state, encrypted");
      for (const run of yaml.runs) assert.ok(!(run.stdout + run.stderr).includes(emulator.token), `the token in the output of pulumi ${run.args.join(" ")}`);
    } finally {
      removeDir(yaml.stateDir);
      removeDir(yamlDir);
    }
  });

  describe("the emulator shipped in the package", () => {
    const EMULATOR_PEERS = ["libsodium-wrappers", "ajv", "ajv-formats"];
    const node = (script: string) => execFileSync(process.execPath, ["-e", script], { cwd: projectDir, encoding: "utf8", stdio: "pipe" });

    it("costs nothing to who does not use it: the main entry loads neither libsodium nor ajv, and npm installed neither", () => {
      const loaded = node(`require("pulumi-github-secrets"); console.log(JSON.stringify(Object.keys(require.cache)))`);
      const heavy = (JSON.parse(loaded) as string[]).filter((file) => /libsodium|[\\/]ajv|[\\/]dist[\\/]emulator[\\/]/.test(file));
      assert.deepEqual(heavy, []);
      for (const peer of EMULATOR_PEERS) assert.ok(!existsSync(path.join(projectDir, "node_modules", peer)), `${peer} was installed`);
      assert.throws(() => node(`require("pulumi-github-secrets/emulator")`), /npm install --save-dev libsodium-wrappers ajv ajv-formats/);
    });

    it("with its peer dependencies installed: require(\"pulumi-github-secrets/emulator\") and the github-secrets-emulator command serve the API", async () => {
      const versions = EMULATOR_PEERS.map((peer) => `${peer}@${(JSON.parse(readFileSync(path.join(repositoryRoot, "node_modules", peer, "package.json"), "utf8")) as { version: string }).version}`);
      execFileSync("npm", ["install", "--save-dev", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline", ...versions], { cwd: projectDir, stdio: "pipe" });

      const programmatic = node(`
        const { startEmulator, faults } = require("pulumi-github-secrets/emulator");
        startEmulator().then(async (github) => {
          const reply = await fetch(github.url + "/repos/octo-org/app", { headers: { authorization: "token " + github.token } });
          console.log(JSON.stringify({ status: reply.status, fault: typeof faults.serverError, apps: typeof github.addApp }));
          await github.close();
        });`);
      assert.deepEqual(JSON.parse(programmatic), { status: 200, fault: "function", apps: "function" });

      const keyDir = path.join(projectDir, "emulator-keys");
      const child = spawn(path.join(projectDir, "node_modules", ".bin", "github-secrets-emulator"), ["--app", "--app-key-dir", keyDir, "--path-prefix", "/api/v3"], { cwd: projectDir, stdio: ["ignore", "pipe", "pipe"] });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          let out = "";
          child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes("\n")) resolve(out.split("\n")[0]!);
          });
          child.once("exit", (code) => reject(new Error(`github-secrets-emulator exited with ${code}`)));
        });
        const printed = JSON.parse(line) as { url: string; token: string; apps: { id: number; privateKeyFile: string }[] };
        assert.match(printed.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
        const reply = await fetch(`${printed.url}/repos/octo-org/app/actions/secrets`, { headers: { authorization: `token ${printed.token}` } });
        assert.equal(reply.status, 200);
        assert.match(readFileSync(printed.apps[0]!.privateKeyFile, "utf8"), /^-----BEGIN RSA PRIVATE KEY-----/);
      } finally {
        child.kill("SIGTERM");
      }
    });
  });
});

/**
 * Turns the installed package into a changed build, as a new release would be: every function
 * of dist/provider returns through changed code (a marker comment, which a function's source
 * text keeps), and the version moves on.
 */
function upgradeInstalledPackage(packageDir: string): void {
  const dist = path.join(packageDir, "dist", "provider");
  for (const file of readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"))) {
    const full = path.join(dist, file);
    // Return statements that begin a line only: a comment's or a string's "return " is no code.
    writeFileSync(full, readFileSync(full, "utf8").replace(/^(\s*)return /gm, "$1return /* build 0.1.1 */ "));
  }
  const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  writeFileSync(path.join(packageDir, "package.json"), JSON.stringify({ ...manifest, version: "0.1.1" }, null, 2));
}
