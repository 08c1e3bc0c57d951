import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { startEmulator, type Container, type GitHubEmulator } from "../../emulator";
import { assertNoPlaintext, configureForEmulator, removeDir, requirePulumiCli, workspaceFor } from "./support";

/*
 * GitHub's reads are eventually consistent: right after an update, a GET or a list may show
 * the previous version of the item. With the emulator in that mode, `up` changes every value,
 * then `refresh` runs while the replicas lag and again once they caught up: neither may take
 * our own writes for someone else's, so `preview --expect-no-changes` passes and `up` writes
 * nothing.
 */

const programDir = path.join(__dirname, "program");
const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };

describe("end to end: stale reads after a write are not drift", function () {
  this.timeout(300_000);
  const stack = `e2e-stale-${process.pid}`;
  const first = `first-${randomBytes(12).toString("hex")}`;
  const second = `second-${randomBytes(12).toString("hex")}`;
  let emulator: GitHubEmulator;
  let context: ReturnType<typeof workspaceFor>;

  const spec = (region: string) =>
    JSON.stringify([
      { type: "RepoSecret", name: "db", args: { repository: "app", secretName: "DB_PASSWORD" }, valueFrom: "secretValue" },
      { type: "OrgSecret", name: "shared", args: { secretName: "SHARED", selectedRepositories: ["app", "api"] }, valueFrom: "secretValue" },
      { type: "RepoVariable", name: "region", args: { repository: "app", variableName: "REGION", value: region } },
    ]);
  const run = (args: string[]) => context.workspace.run([...args, "--stack", stack]);

  before(async () => {
    requirePulumiCli();
    emulator = await startEmulator({ port: 0 });
    context = workspaceFor(programDir, "github-secrets-e2e-stale");
    await context.workspace.run(["stack", "init", stack]);
    await configureForEmulator(context.workspace, emulator);
  });

  after(async () => {
    await context?.workspace.run(["destroy", "--yes", "--stack", stack], { allowFailure: true });
    await context?.workspace.run(["stack", "rm", "--yes", "--force", stack], { allowFailure: true });
    rmSync(path.join(programDir, `Pulumi.${stack}.yaml`), { force: true });
    if (context) removeDir(context.stateDir);
    await emulator?.close();
  });

  it("refresh during and after the stale window, then preview --expect-no-changes and an up that writes nothing", async () => {
    await context.workspace.setConfig("secretValue", first, { secret: true });
    await context.workspace.setConfig("spec", spec("eu-west-1"));
    await run(["up", "--yes"]);

    emulator.setStaleReads(600_000);
    await context.workspace.setConfig("secretValue", second, { secret: true });
    await context.workspace.setConfig("spec", spec("eu-central-1"));
    await run(["up", "--yes"]);
    assert.equal(emulator.getSecret(REPO, "DB_PASSWORD")?.value, second);
    assert.equal(emulator.getVariable(REPO, "REGION")?.value, "eu-central-1");
    const listed = await fetch(`${emulator.url}/repos/octo-org/app/actions/variables`, { headers: { authorization: `token ${emulator.token}` } });
    assert.equal(((await listed.json()) as { variables: { value: string }[] }).variables[0]?.value, "eu-west-1", "the replicas lag");

    await run(["refresh", "--yes"]);
    await run(["preview", "--expect-no-changes"]);
    emulator.endStaleReads();
    await run(["refresh", "--yes"]);
    await run(["preview", "--expect-no-changes"]);
    emulator.clearRequests();
    await run(["up", "--yes", "--expect-no-changes"]);
    assert.equal(emulator.countWrites(), 0, "no rewrite");
    await assertNoPlaintext(context, [first, second, emulator.token], "stale reads");
  });
});
