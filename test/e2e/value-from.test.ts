import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PulumiRun } from "../../scripts/lib/pulumi-cli";
import { startEmulator, type Container, type GitHubEmulator } from "../../emulator";
import type { DriftPolicy } from "../../provider/types";
import {
  assertNoPlaintext,
  configureForEmulator,
  removeDir,
  requirePulumiCli,
  resourcesOf,
  SECRET_SIGNATURE,
  SIGNATURE_KEY,
  workspaceFor,
} from "./support";

/*
 * `valueFrom` and `onDrift` through the real CLI, on one stack: a secret from the
 * environment of `pulumi`, one from a file (a path relative to the program's directory), one
 * from a password-manager-like command; two variables with drift policies. After every step
 * the state, the backend's files, `pulumi stack export --show-secrets` and every command's
 * output are searched for every value.
 */

const programDir = path.join(__dirname, "program");
const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const ENV: Container = { app: "actions", owner: "octo-org", repo: "app", environment: "staging/eu" };
const ORG: Container = { app: "actions", org: "octo-org" };
const ENV_NAME = "VALUES_E2E_SECRET";

/** A stand-in for `op read`: prints the vault's value with a newline, logs each run, fails as told. */
const FAKE_VAULT = `
const fs = require("node:fs");
const [vaultFile, callsFile, environmentFile] = process.argv.slice(2);
fs.appendFileSync(callsFile, "run\\n");
fs.writeFileSync(environmentFile, JSON.stringify(process.env));
const vault = JSON.parse(fs.readFileSync(vaultFile, "utf8"));
if (vault.fail) {
  process.stderr.write("[ERROR] lookup failed; debug: " + vault.value + "\\n");
  process.exit(3);
}
process.stdout.write(vault.value + "\\n");
`;

describe("end to end: valueFrom sources and onDrift policies", function () {
  this.timeout(600_000);
  const stack = `e2e-values-${process.pid}`;
  const fresh = (label: string) => `${label}-${randomBytes(16).toString("hex")}`;
  const values = {
    env: fresh("env"),
    file: fresh("file"),
    command: fresh("command"),
  };
  /** Every value any step uses, searched for everywhere. */
  const plaintexts: string[] = Object.values(values);
  const relativeFile = `.values-e2e-${process.pid}.txt`;
  const policies: { command: DriftPolicy; variable: DriftPolicy } = { command: "fail", variable: "fail" };
  /** What the drift steps write behind Pulumi's back. */
  const tampered = { secret: fresh("tampered"), variable: fresh("tampered-variable") };
  let emulator: GitHubEmulator;
  let context: ReturnType<typeof workspaceFor>;
  let dir: string;
  let vaultFile: string;
  let callsFile: string;
  let scriptFile: string;
  let environmentFile: string;

  const setVault = (vault: { value: string; fail?: boolean }) => {
    if (!plaintexts.includes(vault.value)) plaintexts.push(vault.value);
    writeFileSync(vaultFile, JSON.stringify(vault));
  };
  const setEnv = (value: string | undefined) => {
    const env = { ...context.workspace.options.env };
    if (value === undefined) delete env[ENV_NAME];
    else env[ENV_NAME] = value;
    context.workspace.options.env = env;
    if (value !== undefined && !plaintexts.includes(value)) plaintexts.push(value);
  };
  const commandRuns = () => readFileSync(callsFile, "utf8").split("\n").filter(Boolean).length;

  const spec = () => [
    { type: "RepoSecret", name: "from-env", args: { repository: "app", secretName: "FROM_ENV", valueFrom: { env: ENV_NAME } } },
    {
      type: "EnvironmentSecret",
      name: "from-file",
      args: { repository: "app", environment: "staging/eu", secretName: "FROM_FILE", valueFrom: { file: relativeFile }, onDrift: "ignore" },
    },
    {
      type: "OrgSecret",
      name: "from-command",
      args: { secretName: "FROM_COMMAND", visibility: "private", valueFrom: { command: [process.execPath, scriptFile, vaultFile, callsFile, environmentFile] }, onDrift: policies.command },
    },
    { type: "RepoVariable", name: "ignored", args: { repository: "app", variableName: "IGNORED", value: "ignored-configured-value", onDrift: "ignore" } },
    { type: "RepoVariable", name: "guarded", args: { repository: "app", variableName: "GUARDED", value: "guarded-configured-value", onDrift: policies.variable } },
  ];
  const deploySpec = () => context.workspace.setConfig("spec", JSON.stringify(spec()));
  const run = (args: string[], options: { allowFailure?: boolean } = {}) => context.workspace.run([...args, "--stack", stack], options);
  const summary = (result: PulumiRun) => result.stdout.slice(result.stdout.lastIndexOf("Resources:"));
  const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`).sort();
  const secret = (c: Container, name: string) => emulator.getSecret(c, name)?.value;
  const variable = (name: string) => emulator.getVariable(REPO, name)?.value;

  before(async () => {
    requirePulumiCli();
    emulator = await startEmulator({ port: 0 });
    dir = mkdtempSync(path.join(os.tmpdir(), "values-e2e-"));
    vaultFile = path.join(dir, "vault.json");
    callsFile = path.join(dir, "calls.log");
    scriptFile = path.join(dir, "fake-vault.js");
    environmentFile = path.join(dir, "environment.json");
    writeFileSync(scriptFile, FAKE_VAULT);
    writeFileSync(callsFile, "");
    writeFileSync(path.join(programDir, relativeFile), values.file);
    setVault({ value: values.command });
    context = workspaceFor(programDir, "github-secrets-e2e-values");
    // The token in the environment as well as in the stack configuration: no command may see it.
    context.workspace.options.env = { ...context.workspace.options.env, GITHUB_TOKEN: emulator.token, COPY_OF_THE_TOKEN: emulator.token };
    setEnv(values.env);
    await context.workspace.run(["stack", "init", stack]);
    await configureForEmulator(context.workspace, emulator);
    await deploySpec();
  });

  after(async () => {
    setEnv(values.env);
    writeFileSync(path.join(programDir, relativeFile), values.file);
    setVault({ value: values.command });
    await context?.workspace.run(["destroy", "--yes", "--stack", stack], { allowFailure: true });
    await context?.workspace.run(["stack", "rm", "--yes", "--force", stack], { allowFailure: true });
    rmSync(path.join(programDir, `Pulumi.${stack}.yaml`), { force: true });
    rmSync(path.join(programDir, relativeFile), { force: true });
    if (context) removeDir(context.stateDir);
    if (dir) removeDir(dir);
    await emulator?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state !== "passed") return;
    // The decrypted state too: the fingerprint is there in plaintext, the values must not be.
    // Decrypted, the state holds the token (the stack configuration recorded with the default
    // provider), so this output is searched for the values only, not kept with the others.
    const shown = await run(["stack", "export", "--show-secrets"]);
    context.runs.splice(context.runs.indexOf(shown), 1);
    for (const value of plaintexts) assert.ok(!shown.stdout.includes(value), `${this.currentTest.title}: a value (${value.slice(0, 4)}…) appears in pulumi stack export --show-secrets`);
    for (const resource of resourcesOf(shown.stdout).filter((r) => r.inputs.valueFrom)) {
      // A decrypted secret: { <signature>: <secret signature>, plaintext: <the value as JSON> }.
      const fingerprint = resource.outputs.valueFingerprint as { plaintext?: string } | undefined;
      assert.match(JSON.parse(fingerprint?.plaintext ?? "null") ?? "", /^\$scrypt\$ln=14,r=8,p=1\$/, `${resource.urn}: fingerprint`);
    }
    await assertNoPlaintext(context, [...plaintexts, emulator.token], this.currentTest.title);
  });

  it("up writes each source's value; the state holds the sources and secret fingerprints, never a value", async () => {
    const result = await run(["up", "--yes"]);
    assert.match(summary(result), /\+ 6 created/);
    assert.equal(secret(REPO, "FROM_ENV"), values.env);
    assert.equal(secret(ENV, "FROM_FILE"), values.file, "the relative path starts at the program's directory");
    assert.equal(secret(ORG, "FROM_COMMAND"), values.command, "the command's newline is removed");
    for (const resource of resourcesOf(await context.workspace.exportState()).filter((r) => r.inputs.valueFrom)) {
      assert.equal(resource.inputs.value, undefined, `${resource.urn}: no value input`);
      assert.equal(resource.outputs.value, undefined, `${resource.urn}: no value output`);
      const fingerprint = resource.outputs.valueFingerprint as Record<string, unknown>;
      assert.equal(fingerprint?.[SIGNATURE_KEY], SECRET_SIGNATURE, `${resource.urn}: the fingerprint is a Pulumi secret`);
    }
    // The preview's check and the update's check and create: one run per provider process.
    assert.equal(commandRuns(), 2);
    // The provider's process has the stack's passphrase and PULUMI_CONFIG; the command has neither.
    const seen = JSON.parse(readFileSync(environmentFile, "utf8")) as Record<string, string>;
    for (const name of ["PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG", "GITHUB_TOKEN", "GH_TOKEN"]) assert.equal(seen[name], undefined, `${name} reaches the command`);
    assert.ok(!Object.values(seen).includes(emulator.token), "no variable holds the token");
    assert.equal(seen.COPY_OF_THE_TOKEN, undefined, "a copy of the token under another name");
    assert.equal(seen.PULUMI_HOME, context.workspace.homeDir, "the rest of the environment is passed");
  });

  it("unchanged sources: preview and up send no request, and each process runs the command once", async () => {
    writeFileSync(callsFile, "");
    emulator.clearRequests();
    await run(["preview", "--expect-no-changes"]);
    assert.equal(commandRuns(), 1);
    const result = await run(["up", "--yes"]);
    assert.match(summary(result), /6 unchanged/);
    assert.deepEqual(emulator.requests.map((r) => `${r.method} ${r.path}`), []);
  });

  it("changed sources: preview shows the updates, up writes each once", async () => {
    values.env = fresh("env-rotated");
    values.command = fresh("command-rotated");
    setEnv(values.env);
    setVault({ value: values.command });
    emulator.clearRequests();
    const preview = await run(["preview"]);
    assert.match(preview.stdout, /~ 2 to update/);
    assert.deepEqual(emulator.requests, [], "a preview sends nothing");
    const result = await run(["up", "--yes"]);
    assert.match(summary(result), /~ 2 updated/);
    assert.deepEqual(writes(), ["PUT /orgs/octo-org/actions/secrets/FROM_COMMAND", "PUT /repos/octo-org/app/actions/secrets/FROM_ENV"]);
    assert.equal(secret(REPO, "FROM_ENV"), values.env);
    assert.equal(secret(ORG, "FROM_COMMAND"), values.command);
  });

  it("a missing source fails the preview, naming the source and no value", async () => {
    // The engine stops a preview at the first failed diff: one preview per source.
    const failedPreview = async (source: string, expected: RegExp) => {
      emulator.clearRequests();
      const preview = await run(["preview"], { allowFailure: true });
      assert.notEqual(preview.code, 0, `a missing ${source} must fail the preview`);
      assert.match(preview.stdout + preview.stderr, expected);
      assert.deepEqual(emulator.requests, []);
    };
    setEnv(undefined);
    await failedPreview("variable", new RegExp(`RepoSecret from-env +error: \`valueFrom\` env ${ENV_NAME}: the environment variable is not set in the provider's process`));
    setEnv(values.env);
    rmSync(path.join(programDir, relativeFile));
    const absolute = path.join(programDir, relativeFile).replace(/[/.]/g, "\\$&");
    await failedPreview("file", new RegExp(`EnvironmentSecret from-file +error: \`valueFrom\` file "${relativeFile.replace(/\./g, "\\.")}" \\(${absolute}, relative to the program's directory\\) does not exist`));
    writeFileSync(path.join(programDir, relativeFile), values.file);
    setVault({ value: fresh("only-on-stderr"), fail: true });
    await failedPreview("command's value", /OrgSecret from-command +error: `valueFrom` command \[.*\] exited with status 3; it wrote \d+ bytes to stderr, not shown because they could contain the value/);
  });

  it("fail: refresh and preview --refresh stop, naming each item and what changed; up alone changes nothing", async () => {
    setVault({ value: values.command });
    // Not the variable's: refresh records a variable's value in the state, as it does for any variable.
    plaintexts.push(tampered.secret);
    for (const [container, name] of [[REPO, "FROM_ENV"], [ENV, "FROM_FILE"], [ORG, "FROM_COMMAND"]] as const) {
      emulator.putSecretBehindBack(container, name, tampered.secret);
    }
    emulator.putVariableBehindBack(REPO, "IGNORED", tampered.variable);
    emulator.putVariableBehindBack(REPO, "GUARDED", tampered.variable);

    for (const command of [["refresh", "--yes"], ["preview", "--refresh"]]) {
      const result = await run(command, { allowFailure: true });
      const output = result.stdout + result.stderr;
      assert.notEqual(result.code, 0, `${command.join(" ")} must fail`);
      assert.match(output, /Organization Actions secret FROM_COMMAND in organization octo-org was changed outside Pulumi and its `onDrift` is "fail": it was written at \S+ \(GitHub's updated_at\), after this stack's last write at \S+\. To keep the change, set `onDrift: "ignore"`/);
      assert.match(output, /Repository Actions variable GUARDED in octo-org\/app was changed outside Pulumi and its `onDrift` is "fail": its value differs from the configured one \(not shown\)/);
      assert.match(output, /run `pulumi up --replace <URN>`/);
    }
    emulator.clearRequests();
    await run(["up", "--yes"]);
    assert.deepEqual(writes(), [], "without a refresh, nothing is known to have changed");
  });

  it("overwrite and ignore: refresh, then up writes back only what overwrite owns", async () => {
    policies.command = "overwrite";
    policies.variable = "overwrite";
    await deploySpec();
    emulator.clearRequests();
    const policyOnly = await run(["up", "--yes"]);
    assert.match(summary(policyOnly), /~ 2 updated/);
    assert.deepEqual(writes(), [], "a change of policy alone sends nothing");

    await run(["refresh", "--yes"]);
    emulator.clearRequests();
    const result = await run(["up", "--yes"]);
    assert.match(summary(result), /~ 3 updated/);
    assert.deepEqual(writes(), [
      "PATCH /repos/octo-org/app/actions/variables/GUARDED",
      "PUT /orgs/octo-org/actions/secrets/FROM_COMMAND",
      "PUT /repos/octo-org/app/actions/secrets/FROM_ENV",
    ]);
    assert.equal(secret(REPO, "FROM_ENV"), values.env);
    assert.equal(secret(ORG, "FROM_COMMAND"), values.command);
    assert.equal(variable("GUARDED"), "guarded-configured-value");
    assert.equal(secret(ENV, "FROM_FILE"), tampered.secret, "ignore: the value set elsewhere stays");
    assert.equal(variable("IGNORED"), tampered.variable, "ignore: the value set elsewhere stays");
    await run(["preview", "--expect-no-changes"]);
  });

  it("destroy removes every item", async () => {
    const result = await run(["destroy", "--yes"]);
    assert.match(summary(result), /- 6 deleted/);
    assert.equal(secret(REPO, "FROM_ENV"), undefined);
    assert.equal(secret(ORG, "FROM_COMMAND"), undefined);
  });
});
