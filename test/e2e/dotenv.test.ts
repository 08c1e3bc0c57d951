import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type Container, type GitHubEmulator } from "../../emulator";
import { assertNoPlaintext, configureForEmulator, removeDir, requirePulumiCli, resourcesOf, workspaceFor } from "./support";

/*
 * SecretsFromDotenv through the real CLI: keys added, a value changed, a key removed, keys
 * renamed (also across two components on the same repository), bad keys, and content not
 * known at preview. After every step the emulator's decrypted items must be exactly what the
 * files say, and no value may appear in state, backend files or any command's output.
 */

const programDir = path.join(__dirname, "dotenv-program");
const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const ENV: Container = { app: "actions", owner: "octo-org", repo: "app", environment: "staging/eu" };
const ORG_DEPENDABOT: Container = { app: "dependabot", org: "octo-org" };
const API_VARIABLES: Container = { app: "actions", owner: "octo-org", repo: "api" };
const WEB: Container = { app: "actions", owner: "octo-org", repo: "web" };

interface ComponentSpec {
  name: string;
  args: Record<string, unknown>;
  contentFrom?: string;
  gate?: string;
  aliases?: { name: string }[];
}

describe("end to end: SecretsFromDotenv", function () {
  this.timeout(300_000);
  const stack = `e2e-dotenv-${process.pid}`;
  /** Every random part of every value used; none may ever appear in plaintext. */
  const plaintexts: string[] = [];
  const token = (label: string) => {
    const t = `${label}-${randomBytes(12).toString("hex")}`;
    plaintexts.push(t);
    return t;
  };
  let emulator: GitHubEmulator;
  let context: ReturnType<typeof workspaceFor>;
  let filesDir: string;

  // The files' values. Tokens are random, so each step's values are new plaintexts.
  const v = {
    db: token("db"),
    api: token("api"),
    pemBody: token("pem"),
    escaped: token("esc"),
    deploy: token("deploy"),
    oldName: token("old"),
    registry: token("registry"),
    npm: token("npm"),
    level: token("level"),
    region: token("region"),
    db2: token("db2"),
    newKey: token("new"),
    lateA: token("lateA"),
    lateB: token("lateB"),
    lateC: token("lateC"),
  };
  const pem = `-----BEGIN KEY-----\n${v.pemBody}\n-----END KEY-----`;
  const repoEnv = (lines: string[]) => context.workspace.setConfig("repoEnv", [...lines, ""].join("\n"), { secret: true });
  const repoLines = {
    comment: "# database",
    db: `DB_PASSWORD=${v.db}`,
    api: `api_token = "${v.api} # not a comment"   # a comment`,
    pem: `PEM="${pem}"`,
    escaped: `export ESCAPED="a\\n${v.escaped}"`,
  };

  const writeFile = (name: string, text: string) => {
    const file = path.join(filesDir, name);
    writeFileSync(file, text);
    return file;
  };
  const late: ComponentSpec = { name: "late", args: { repository: "web" }, contentFrom: "lateEnv", gate: "web" };
  const components = (): ComponentSpec[] => [
    { name: "repo", args: { repository: "app" }, contentFrom: "repoEnv" },
    { name: "more", args: { repository: "app", kind: "actions", path: path.join(filesDir, "more.env") } },
    { name: "env", args: { repository: "app", environment: "staging/eu", path: path.join(filesDir, "env.env") } },
    {
      name: "deps",
      args: { kind: "dependabot", visibility: "selected", selectedRepositories: ["app", "web"] },
      contentFrom: "depsEnv",
    },
    { name: "vars", args: { repository: "api", kind: "variables", onDrift: "fail", path: path.join(filesDir, "vars.env") } },
  ];
  const deploy = async (spec: ComponentSpec[] = components(), command: "up" | "preview" = "up") => {
    await context.workspace.setConfig("components", JSON.stringify(spec));
    emulator.clearRequests();
    const run = await context.workspace.run(command === "up" ? ["up", "--yes", "--stack", stack] : ["preview", "--stack", stack], {
      allowFailure: true,
    });
    return { run, out: run.stdout + run.stderr, summary: run.stdout.slice(run.stdout.lastIndexOf("Resources:")) };
  };
  const secrets = (c: Container) => Object.fromEntries(emulator.listSecrets(c).map((s) => [s.name, s.value]));
  const variables = (c: Container) => Object.fromEntries(emulator.listVariables(c).map((s) => [s.name, s.value]));
  const writes = () =>
    emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${decodeURIComponent(r.path)}`).sort();

  before(async () => {
    requirePulumiCli();
    emulator = await startEmulator({ port: 0 });
    // Outside the state directory, which assertNoPlaintext searches: these files hold plaintexts.
    filesDir = mkdtempSync(path.join(os.tmpdir(), "github-secrets-dotenv-files-"));
    context = workspaceFor(programDir, "github-secrets-e2e-dotenv");
    await context.workspace.run(["stack", "init", stack]);
    await configureForEmulator(context.workspace, emulator);
  });

  after(async () => {
    await context?.workspace.run(["destroy", "--yes", "--stack", stack], { allowFailure: true });
    await context?.workspace.run(["stack", "rm", "--yes", "--force", stack], { allowFailure: true });
    rmSync(path.join(programDir, `Pulumi.${stack}.yaml`), { force: true });
    if (context) removeDir(context.stateDir);
    if (filesDir) removeDir(filesDir);
    await emulator?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === "passed") await assertNoPlaintext(context, [...plaintexts, emulator.token], this.currentTest.title);
  });

  it("adds every key of each file: repository, environment and organization secrets, and variables", async () => {
    await repoEnv([repoLines.comment, repoLines.db, repoLines.api, repoLines.pem, repoLines.escaped]);
    writeFile("more.env", "");
    writeFile("env.env", `DEPLOY_KEY='${v.deploy}'\nOLD_NAME=${v.oldName}\n`);
    await context.workspace.setConfig("depsEnv", `REGISTRY_TOKEN=${v.registry}\nNPM_TOKEN=${v.npm}\n`, { secret: true });
    writeFile("vars.env", `LOG_LEVEL=${v.level}\nREGION=${v.region}\n`);

    const { run, summary } = await deploy();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(summary, /\+ 16 created/, `the stack, 5 components and 10 items:\n${summary}`);
    assert.deepEqual(secrets(REPO), {
      API_TOKEN: `${v.api} # not a comment`,
      DB_PASSWORD: v.db,
      ESCAPED: `a\n${v.escaped}`,
      PEM: pem,
    });
    assert.deepEqual(secrets(ENV), { DEPLOY_KEY: v.deploy, OLD_NAME: v.oldName });
    assert.deepEqual(secrets(ORG_DEPENDABOT), { NPM_TOKEN: v.npm, REGISTRY_TOKEN: v.registry });
    assert.deepEqual(emulator.getSecret(ORG_DEPENDABOT, "NPM_TOKEN")?.selectedRepositoryIds?.length, 2);
    assert.deepEqual(variables(API_VARIABLES), { LOG_LEVEL: v.level, REGION: v.region });
    const children = resourcesOf(await context.workspace.exportState()).filter((r) => /::vars-/.test(r.urn));
    const onDrift = children.map((r) => [r.urn.replace(/.*::/, ""), r.inputs.onDrift]).sort();
    assert.deepEqual(onDrift, [["vars-LOG_LEVEL", "fail"], ["vars-REGION", "fail"]], "onDrift reaches every item");
  });

  it("a new key and a changed value write only those two items", async () => {
    await repoEnv([repoLines.comment, `DB_PASSWORD=${v.db2}`, repoLines.api, repoLines.pem, repoLines.escaped, `NEW_KEY=${v.newKey}`]);
    const { run, summary } = await deploy();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(summary, /\+ 1 created/, summary);
    assert.match(summary, /~ 1 updated/, summary);
    assert.deepEqual(writes(), ["PUT /repos/octo-org/app/actions/secrets/DB_PASSWORD", "PUT /repos/octo-org/app/actions/secrets/NEW_KEY"]);
    assert.deepEqual(secrets(REPO), {
      API_TOKEN: `${v.api} # not a comment`,
      DB_PASSWORD: v.db2,
      ESCAPED: `a\n${v.escaped}`,
      NEW_KEY: v.newKey,
      PEM: pem,
    });
  });

  it("removing a key deletes only its item", async () => {
    await repoEnv([repoLines.comment, `DB_PASSWORD=${v.db2}`, repoLines.pem, repoLines.escaped, `NEW_KEY=${v.newKey}`]);
    writeFile("vars.env", `LOG_LEVEL=${v.level}\n`);
    const { run, summary } = await deploy();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(summary, /- 2 deleted/, summary);
    assert.deepEqual(writes(), ["DELETE /repos/octo-org/api/actions/variables/REGION", "DELETE /repos/octo-org/app/actions/secrets/API_TOKEN"]);
    assert.deepEqual(Object.keys(secrets(REPO)), ["DB_PASSWORD", "ESCAPED", "NEW_KEY", "PEM"]);
    assert.deepEqual(variables(API_VARIABLES), { LOG_LEVEL: v.level });
    assert.deepEqual(secrets(ENV), { DEPLOY_KEY: v.deploy, OLD_NAME: v.oldName });
  });

  it("renaming a key creates the new item and deletes the old; letter case is no change; a key moved to another component on the same repository stays", async () => {
    writeFile("env.env", `DEPLOY_KEY='${v.deploy}'\nNEW_NAME=${v.oldName}\n`);
    await repoEnv([repoLines.comment, `db_password=${v.db2}`, repoLines.escaped, `NEW_KEY=${v.newKey}`]);
    writeFile("more.env", `${repoLines.pem}\n`);
    const { run, summary } = await deploy();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(summary, /\+ 2 created/, summary);
    assert.match(summary, /- 2 deleted/, summary);
    assert.deepEqual(writes(), [
      "DELETE /repos/octo-org/app/environments/staging/eu/secrets/OLD_NAME",
      "PUT /repos/octo-org/app/actions/secrets/PEM",
      "PUT /repos/octo-org/app/environments/staging/eu/secrets/NEW_NAME",
    ]);
    assert.deepEqual(secrets(ENV), { DEPLOY_KEY: v.deploy, NEW_NAME: v.oldName });
    assert.deepEqual(secrets(REPO), { DB_PASSWORD: v.db2, ESCAPED: `a\n${v.escaped}`, NEW_KEY: v.newKey, PEM: pem });
  });

  it("bad keys fail preview and up by their names, before any request, and never with a value", async () => {
    const bad = { digit: token("digit"), reserved: token("reserved"), dash: token("dash"), dup: token("dup"), huge: token("huge") };
    await repoEnv([
      `db_password=${v.db2}`,
      repoLines.escaped,
      `NEW_KEY=${v.newKey}`,
      `1BAD=${bad.digit}`,
      `GITHUB_TOKEN=${bad.reserved}`,
      `bad-name=${bad.dash}`,
      `new_key=${bad.dup}`,
      `HUGE=${bad.huge.repeat(Math.ceil(49_200 / bad.huge.length))}`,
    ]);
    for (const command of ["preview", "up"] as const) {
      const { run, out } = await deploy(components(), command);
      assert.notEqual(run.code, 0, `${command} must fail`);
      for (const expected of [
        "the key on line 4 must not start with a digit",
        "the key on line 5 must not start with the reserved prefix GITHUB_",
        "the key on line 6 may contain only letters, digits and underscores",
        'keys "NEW_KEY" and "new_key" are the same secret NEW_KEY',
        'the value of "HUGE" is',
      ]) {
        assert.ok(out.includes(expected), `${command} names the key, or its line when it breaks the name rules: ${expected}\n${out}`);
      }
      for (const hidden of ["1BAD", "GITHUB_TOKEN", "bad-name"]) assert.ok(!out.includes(hidden), `${command} shows a bad key: ${hidden}`);
      assert.deepEqual(emulator.requests.length, 0, `${command} sent no request`);
    }
    assert.deepEqual(secrets(REPO), { DB_PASSWORD: v.db2, ESCAPED: `a\n${v.escaped}`, NEW_KEY: v.newKey, PEM: pem });
  });

  it("an unquoted PEM fails preview and up by line numbers: no line of it in any output or in the state", async () => {
    const body = Array.from({ length: 6 }, () => randomBytes(48).toString("base64"));
    // A last line that dotenv reads as `key=value` with a good name: the layout check refuses it first.
    body.push(`${token("Tail").replace(/-/g, "")}=`);
    plaintexts.push(...body);
    await repoEnv([repoLines.comment, `db_password=${v.db2}`, repoLines.escaped, `NEW_KEY=${v.newKey}`]);
    writeFile("more.env", ["FIRST=x", "DEPLOY_KEY=-----BEGIN RSA PRIVATE KEY-----", ...body, "-----END RSA PRIVATE KEY-----", ""].join("\n"));
    for (const command of ["preview", "up"] as const) {
      const { run, out } = await deploy(components(), command);
      assert.notEqual(run.code, 0, `${command} must fail`);
      assert.match(out, /\.env file ".*more\.env": lines 3-8, 10 are neither `KEY=value`, a comment nor blank; line 2 starts an unquoted PEM block/);
      assert.match(out, /must be quoted as a whole: `KEY="-----BEGIN …`/);
      assert.equal(emulator.requests.length, 0, `${command} sent no request`);
    }
    // The next steps expect the quoted PEM back; afterEach searches every output and the state for the body lines.
    writeFile("more.env", `${repoLines.pem}\n`);
  });

  it("more keys than the container holds fail by their count, from a file path", async () => {
    await repoEnv([repoLines.comment, `db_password=${v.db2}`, repoLines.escaped, `NEW_KEY=${v.newKey}`]);
    const many = token("many");
    writeFile("env.env", Array.from({ length: 101 }, (_, i) => `KEY_${i}=${many}`).join("\n"));
    const { run, out } = await deploy(components(), "preview");
    assert.notEqual(run.code, 0);
    assert.match(out, /\.env file ".*env\.env": 101 keys, but an environment holds at most 100 secrets/);
    assert.equal(emulator.requests.length, 0);
  });

  it("after the failures, the good files again change nothing: no half-written state", async () => {
    writeFile("env.env", `DEPLOY_KEY='${v.deploy}'\nNEW_NAME=${v.oldName}\n`);
    const { run, summary } = await deploy();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(summary, /created|updated|deleted|replaced/, summary);
    assert.deepEqual(writes(), []);
  });

  it("content unknown at preview: the preview warns, up writes and deletes only what the file says", async () => {
    await context.workspace.setConfig("gateValue", "1");
    await context.workspace.setConfig("lateEnv", `LATE_A=${v.lateA}\nLATE_B=${v.lateB}\n`, { secret: true });
    const first = await deploy([...components(), late]);
    assert.equal(first.run.code, 0, first.out);
    assert.deepEqual(secrets(WEB), { LATE_A: v.lateA, LATE_B: v.lateB });

    await context.workspace.setConfig("gateValue", "2");
    await context.workspace.setConfig("lateEnv", `LATE_A=${v.lateA}\nLATE_C=${v.lateC}\n`, { secret: true });
    const preview = await deploy([...components(), late], "preview");
    assert.equal(preview.run.code, 0, preview.out);
    assert.match(preview.out, /the \.env content is not known during preview/);
    assert.match(preview.summary, /- 2 to delete/, `the items cannot be listed, so they show as deletes:\n${preview.summary}`);
    assert.equal(emulator.requests.length, 0);

    const up = await deploy([...components(), late]);
    assert.equal(up.run.code, 0, up.out);
    assert.deepEqual(writes(), [
      "DELETE /repos/octo-org/web/actions/secrets/LATE_B",
      "PATCH /repos/octo-org/web/actions/variables/DOTENV_GATE",
      "PUT /repos/octo-org/web/actions/secrets/LATE_C",
    ]);
    assert.deepEqual(secrets(WEB), { LATE_A: v.lateA, LATE_C: v.lateC });
  });

  it("renaming the component with an alias carries over to its children: nothing changes", async () => {
    const renamed = components().map((c) => (c.name === "more" ? { ...c, name: "extra", aliases: [{ name: "more" }] } : c));
    const { run, summary } = await deploy([...renamed, late]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(summary, /created|updated|deleted|replaced/, summary);
    assert.deepEqual(writes(), []);
    assert.equal(secrets(REPO).PEM, pem);
  });

  it("destroy removes every item", async () => {
    const run = await context.workspace.run(["destroy", "--yes", "--stack", stack]);
    assert.match(run.stdout, /deleted/);
    for (const c of [REPO, ENV, ORG_DEPENDABOT, WEB]) assert.deepEqual(secrets(c), {});
    assert.deepEqual(variables(API_VARIABLES), {});
    assert.deepEqual(variables(WEB), {});
  });
});
