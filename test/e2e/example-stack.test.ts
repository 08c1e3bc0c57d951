import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import type { PulumiRun } from "../../scripts/lib/pulumi-cli";
import { startEmulator, type Container, type GitHubEmulator } from "../../emulator";
import {
  assertNoPlaintext,
  configureForEmulator,
  removeDir,
  repositoryRoot,
  requirePulumiCli,
  resourcesOf,
  SECRET_SIGNATURE,
  SIGNATURE_KEY,
  workspaceFor,
} from "./support";

/*
 * The real Pulumi CLI runs the example program (examples/index.ts, as the main job does)
 * against an emulator of its own, one step after another on one stack. After every step
 * the state, the backend's files and every command's output are searched for plaintext.
 */

const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const ENV: Container = { app: "actions", owner: "octo-org", repo: "app", environment: "staging/eu" };

describe("end to end: pulumi up/preview/refresh/destroy on the example", function () {
  this.timeout(300_000);
  const stack = `e2e-${process.pid}`;
  const values = {
    databasePassword: `db-${randomBytes(16).toString("hex")}`,
    deployKey: `deploy-${randomBytes(16).toString("hex")}`,
    registryToken: `registry-${randomBytes(16).toString("hex")}`,
  };
  let emulator: GitHubEmulator;
  let context: ReturnType<typeof workspaceFor>;
  const plaintexts = () => [...Object.values(values), emulator.token];

  /** Every item the example manages, with the value it must hold. */
  const expected = () => [
    { kind: "secret", container: REPO, name: "DATABASE_PASSWORD", value: values.databasePassword },
    { kind: "secret", container: ENV, name: "DEPLOY_KEY", value: values.deployKey },
    { kind: "secret", container: { app: "dependabot", owner: "octo-org", repo: "app" }, name: "REGISTRY_TOKEN", value: values.registryToken },
    { kind: "secret", container: { app: "codespaces", owner: "octo-org", repo: "app" }, name: "REGISTRY_TOKEN", value: values.registryToken },
    { kind: "secret", container: { app: "actions", org: "octo-org" }, name: "ORG_REGISTRY_TOKEN", value: values.registryToken },
    { kind: "secret", container: { app: "dependabot", org: "octo-org" }, name: "ORG_REGISTRY_TOKEN", value: values.registryToken },
    { kind: "secret", container: { app: "codespaces", org: "octo-org" }, name: "ORG_REGISTRY_TOKEN", value: values.registryToken },
    { kind: "secret", container: { app: "codespaces", user: true }, name: "DOTFILES_TOKEN", value: values.deployKey },
    { kind: "variable", container: REPO, name: "LOG_LEVEL", value: "info" },
    { kind: "variable", container: ENV, name: "REGION", value: "eu-west-1" },
    { kind: "variable", container: { app: "actions", org: "octo-org" }, name: "PLATFORM_TEAM", value: "platform" },
  ] as const;

  const stored = (item: { kind: string; container: Container; name: string }) =>
    item.kind === "secret" ? emulator.getSecret(item.container, item.name) : emulator.getVariable(item.container, item.name);

  /** Every secret and variable in the emulator, as "container name". */
  const everything = () => {
    const containers = new Map(expected().map((e) => [JSON.stringify(e.container), e.container]));
    return [...containers.values()].flatMap((c) => [
      ...emulator.listSecrets(c).map((s) => `${JSON.stringify(c)} secret ${s.name}`),
      ...("user" in c || c.app !== "actions" ? [] : emulator.listVariables(c).map((v) => `${JSON.stringify(c)} variable ${v.name}`)),
    ]);
  };

  const up = (...extra: string[]) => context.workspace.run(["up", "--yes", "--stack", stack, ...extra]);
  const summary = (run: PulumiRun) => run.stdout.slice(run.stdout.lastIndexOf("Resources:"));

  before(async () => {
    requirePulumiCli();
    emulator = await startEmulator({ port: 0 });
    // Something this stack does not manage, which must survive everything below.
    emulator.putSecretBehindBack(REPO, "UNMANAGED", "not ours");
    context = workspaceFor(repositoryRoot, "github-secrets-e2e");
    await context.workspace.run(["stack", "init", stack]);
    await configureForEmulator(context.workspace, emulator);
    for (const [key, value] of Object.entries(values)) await context.workspace.setConfig(key, value, { secret: true });
  });

  after(async () => {
    await context?.workspace.run(["stack", "rm", "--yes", "--force", stack], { allowFailure: true });
    rmSync(path.join(repositoryRoot, `Pulumi.${stack}.yaml`), { force: true });
    if (context) removeDir(context.stateDir);
    await emulator?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === "passed") await assertNoPlaintext(context, plaintexts(), this.currentTest.title);
  });

  it("1. up creates the example's items; the emulator holds exactly the configured plaintexts", async () => {
    const run = await up();
    assert.match(summary(run), /\+ 12 created/);
    for (const item of expected()) assert.equal(stored(item)?.value, item.value, `${item.name} in ${JSON.stringify(item.container)}`);
    const managed = expected().map((e) => `${JSON.stringify(e.container)} ${e.kind} ${e.name}`);
    assert.deepEqual(everything().sort(), [...managed, `${JSON.stringify(REPO)} secret UNMANAGED`].sort());

    const resources = resourcesOf(await context.workspace.exportState());
    assert.equal(resources.length, 11);
    for (const resource of resources.filter((r) => !r.type.endsWith("Variable"))) {
      const value = resource.outputs.value as Record<string, unknown>;
      assert.equal(value?.[SIGNATURE_KEY], SECRET_SIGNATURE, `${resource.urn}: value is not a secret`);
      assert.equal(typeof value.ciphertext, "string", `${resource.urn}: value is not secret ciphertext`);
    }
  });

  it("2. preview right after shows no changes and sends no request; up sends no write", async () => {
    emulator.clearRequests();
    await context.workspace.run(["preview", "--expect-no-changes", "--stack", stack]);
    assert.deepEqual(emulator.requests.map((r) => `${r.method} ${r.path}`), []);
    const run = await up();
    assert.match(summary(run), /12 unchanged/);
    assert.equal(emulator.countWrites(), 0);
  });

  it("3. changing one value performs exactly one update (one PUT), nothing else", async () => {
    const before = new Map(expected().map((e) => [`${JSON.stringify(e.container)} ${e.name}`, stored(e)!.updatedAt]));
    values.databasePassword = `db-${randomBytes(16).toString("hex")}`;
    await context.workspace.setConfig("databasePassword", values.databasePassword, { secret: true });
    emulator.clearRequests();
    // Not with `-v=9`: the engine's own RPC trace prints every secret input of any program.
    const run = await up();
    assert.match(summary(run), /~ 1 updated/);
    const writes = emulator.requests.filter((r) => r.method !== "GET");
    assert.deepEqual(writes.map((r) => `${r.method} ${r.path}`), ["PUT /repos/octo-org/app/actions/secrets/DATABASE_PASSWORD"]);
    assert.equal(emulator.getSecret(REPO, "DATABASE_PASSWORD")?.value, values.databasePassword);
    for (const item of expected().filter((e) => e.name !== "DATABASE_PASSWORD")) {
      assert.equal(stored(item)!.updatedAt, before.get(`${JSON.stringify(item.container)} ${item.name}`), `${item.name} was touched`);
    }
  });

  it("4a. a change behind Pulumi's back shows in refresh, and up restores the configured value", async () => {
    emulator.putSecretBehindBack(REPO, "DATABASE_PASSWORD", "changed in the GitHub UI");
    emulator.putVariableBehindBack(REPO, "LOG_LEVEL", "debug");
    const refresh = await context.workspace.run(["refresh", "--yes", "--stack", stack]);
    assert.match(summary(refresh), /~ 2 updated/);
    const run = await up();
    assert.match(summary(run), /~ 2 updated/);
    assert.equal(emulator.getSecret(REPO, "DATABASE_PASSWORD")?.value, values.databasePassword);
    assert.equal(emulator.getVariable(REPO, "LOG_LEVEL")?.value, "info");
    await context.workspace.run(["preview", "--expect-no-changes", "--stack", stack]);
  });

  it("4b. an item deleted behind Pulumi's back: refresh notices, up recreates it", async () => {
    emulator.deleteSecretBehindBack(ENV, "DEPLOY_KEY");
    const refresh = await context.workspace.run(["refresh", "--yes", "--stack", stack]);
    assert.match(summary(refresh), /- 1 deleted/);
    const run = await up();
    assert.match(summary(run), /\+ 1 created/);
    assert.equal(emulator.getSecret(ENV, "DEPLOY_KEY")?.value, values.deployKey);
  });

  it("6. destroy removes every item the stack created and nothing else", async () => {
    const run = await context.workspace.run(["destroy", "--yes", "--stack", stack]);
    assert.match(summary(run), /- 12 deleted/);
    for (const item of expected()) assert.equal(stored(item), undefined, `${item.name} survived destroy`);
    assert.deepEqual(everything(), [`${JSON.stringify(REPO)} secret UNMANAGED`]);
    assert.equal(emulator.getSecret(REPO, "UNMANAGED")?.value, "not ours");
  });
});
