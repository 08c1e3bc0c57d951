import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startEmulator, type Container, type GitHubEmulator } from "../../emulator";
import { assertNoPlaintext, configureForEmulator, requirePulumiCli, tearDownStack, workspaceFor } from "./support";

/*
 * What other tools get wrong when a secret's identity or resource name changes: a change
 * of letter case must change nothing; a rename with an alias, a rename without one and a
 * move to another resource type must never end with the secret deleted.
 */

const programDir = path.join(__dirname, "program");
const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const API: Container = { app: "actions", owner: "octo-org", repo: "api" };

interface SpecItem {
  type: string;
  name: string;
  args: Record<string, unknown>;
  valueFrom?: string;
  aliases?: { name?: string; type?: string }[];
}

describe("end to end: renames, letter case and replacements", function () {
  this.timeout(300_000);
  const stack = `e2e-identity-${process.pid}`;
  const value = `value-${randomBytes(16).toString("hex")}`;
  let emulator: GitHubEmulator;
  let context: ReturnType<typeof workspaceFor>;

  const deploy = async (spec: SpecItem[]) => {
    await context.workspace.setConfig("spec", JSON.stringify(spec));
    emulator.clearRequests();
    const run = await context.workspace.run(["up", "--yes", "--stack", stack]);
    return { run, summary: run.stdout.slice(run.stdout.lastIndexOf("Resources:")) };
  };
  const deletes = () => emulator.requests.filter((r) => r.method === "DELETE").map((r) => r.path);
  const secret = (name: string, repository = "app", type = "RepoSecret", resourceName = "db"): SpecItem => ({
    type,
    name: resourceName,
    args: type === "EnvironmentSecret" ? { repository, environment: "production", secretName: name } : { repository, secretName: name },
    valueFrom: "secretValue",
  });

  before(async () => {
    requirePulumiCli();
    emulator = await startEmulator({ port: 0 });
    context = workspaceFor(programDir, "github-secrets-e2e-identity");
    await context.workspace.run(["stack", "init", stack]);
    await configureForEmulator(context.workspace, emulator);
    await context.workspace.setConfig("secretValue", value, { secret: true });
  });

  after(() => tearDownStack(context, stack, emulator));

  afterEach(async function () {
    if (this.currentTest?.state === "passed") await assertNoPlaintext(context, [value, emulator.token], this.currentTest.title);
  });

  it("creates the secret", async () => {
    const { summary } = await deploy([secret("db_password")]);
    assert.match(summary, /\+ 2 created/, "the secret and the stack");
    assert.equal(emulator.getSecret(REPO, "DB_PASSWORD")?.value, value);
  });

  it("5a. a change of letter case only (name, owner, repository) is no change at all", async () => {
    const spec = secret("DB_Password", "APP");
    spec.args.owner = "Octo-Org";
    const { summary } = await deploy([spec]);
    assert.match(summary, /^\s+2 unchanged$/m);
    assert.equal(emulator.countWrites(), 0);
    assert.equal(emulator.getSecret(REPO, "DB_PASSWORD")?.value, value);
  });

  it("5b. renaming the resource with an alias deletes nothing", async () => {
    const renamed = { ...secret("db_password"), name: "database", aliases: [{ name: "db" }] };
    const { summary } = await deploy([renamed]);
    assert.doesNotMatch(summary, /deleted|created|replaced/);
    assert.deepEqual(deletes(), []);
    assert.equal(emulator.getSecret(REPO, "DB_PASSWORD")?.value, value);
  });

  it("renaming the resource without an alias (create new, delete old) keeps the secret", async () => {
    const { summary } = await deploy([{ ...secret("db_password"), name: "database-renamed" }]);
    assert.match(summary, /\+ 1 created/);
    assert.match(summary, /- 1 deleted/);
    assert.deepEqual(deletes(), [], "the old resource's delete must not remove what the new one wrote");
    assert.equal(emulator.getSecret(REPO, "DB_PASSWORD")?.value, value);
  });

  it("moving to another repository replaces: the new one is written, the old one removed", async () => {
    const { summary } = await deploy([{ ...secret("db_password", "api"), name: "database-renamed" }]);
    assert.match(summary, /\+-1 replaced/);
    assert.equal(emulator.getSecret(API, "DB_PASSWORD")?.value, value);
    assert.equal(emulator.getSecret(REPO, "DB_PASSWORD"), undefined);
    assert.deepEqual(deletes(), ["/repos/octo-org/app/actions/secrets/DB_PASSWORD"]);
  });

  it("destroy removes it", async () => {
    const run = await context.workspace.run(["destroy", "--yes", "--stack", stack]);
    assert.match(run.stdout, /- 2 deleted/, "the secret and the stack");
    assert.equal(emulator.getSecret(API, "DB_PASSWORD"), undefined);
  });
});
