import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startEmulator, type Container, type GitHubEmulator } from "../../emulator";
import { assertNoPlaintext, configureForEmulator, removeDir, requirePulumiCli, tearDownStack, useSecretValues, workspaceFor } from "./support";

/*
 * The README's recovery after Ctrl-C: an `up` of 60 secrets interrupted with SIGINT half-way
 * (the emulator answers slowly, so the interrupt lands while writes are under way), then
 * `pulumi refresh` and `pulumi up` converge: every value right, no plaintext anywhere.
 */

const programDir = path.join(__dirname, "program");
const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const COUNT = 60;

describe("end to end: an up interrupted with SIGINT, then refresh and up", function () {
  this.timeout(600_000);
  const stack = `e2e-interrupted-${process.pid}`;
  const items = Array.from({ length: COUNT }, (_, i) => ({ name: `INTERRUPTED_${i}`, value: `interrupted-${randomBytes(12).toString("hex")}` }));
  let emulator: GitHubEmulator;
  let context: ReturnType<typeof workspaceFor>;
  let valuesDir: string;

  before(async () => {
    requirePulumiCli();
    emulator = await startEmulator({ port: 0 });
    context = workspaceFor(programDir, "github-secrets-e2e-interrupted");
    await context.workspace.run(["stack", "init", stack]);
    await configureForEmulator(context.workspace, emulator);
    valuesDir = await useSecretValues(context.workspace, Object.fromEntries(items.map((item) => [item.name, item.value])));
    const spec = items.map((item) => ({ type: "RepoSecret", name: item.name.toLowerCase(), args: { repository: "app", secretName: item.name }, secretArgs: { value: item.name } }));
    await context.workspace.setConfig("spec", JSON.stringify(spec));
  });

  after(async () => {
    await tearDownStack(context, stack, emulator);
    if (valuesDir) removeDir(valuesDir);
  });

  it("stops mid-way on SIGINT; refresh and up then converge with every value right", async () => {
    emulator.setLatency(400);
    const args = ["up", "--yes", "--stack", stack, "--non-interactive"];
    const child = spawn("pulumi", args, { cwd: programDir, env: context.workspace.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number>((resolve) => child.once("close", (code) => resolve(code ?? 1)));
    const written = () => emulator.requests.filter((r) => r.method === "PUT" && r.status === 201).length;
    while (written() < 10) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill("SIGINT");
    const code = await exited;
    context.runs.push({ args, code, stdout, stderr });
    const landed = emulator.listSecrets(REPO).length;
    assert.notEqual(code, 0, "the interrupted up reports failure");
    assert.ok(landed >= 10 && landed < COUNT, `the interrupt landed mid-way: ${landed} of ${COUNT} written`);
    console.log(`      SIGINT after 10 writes: ${landed} of ${COUNT} secrets written when the up stopped`);

    emulator.setLatency(0);
    await context.workspace.run(["refresh", "--yes", "--stack", stack]);
    await context.workspace.run(["up", "--yes", "--stack", stack]);
    for (const item of items) assert.equal(emulator.getSecret(REPO, item.name)?.value, item.value, item.name);
    await context.workspace.run(["preview", "--expect-no-changes", "--stack", stack]);
    await assertNoPlaintext(context, [...items.map((item) => item.value), emulator.token], "interrupted up");
  });
});
