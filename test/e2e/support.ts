import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PulumiWorkspace, type PulumiRun } from "../../scripts/lib/pulumi-cli";
import type { GitHubEmulator } from "../../emulator";

export const repositoryRoot = path.resolve(__dirname, "..", "..");

/** The tag Pulumi puts on a secret value in state: https://www.pulumi.com/docs/iac/concepts/secrets/ */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** Fails early, with what to do, when the CLI is missing (the test command installs it). */
export function requirePulumiCli(): void {
  try {
    execFileSync("pulumi", ["version"], { stdio: "pipe" });
  } catch {
    assert.fail("the Pulumi CLI is not on PATH: run the tests with `npm test`, which builds or reuses it");
  }
}

/** `npm pack` of the repository's current build into `dir`; returns the tarball's file name. */
export function packRepository(dir: string): string {
  return execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: repositoryRoot, encoding: "utf8" }).trim().split("\n").pop()!;
}

/**
 * Makes `projectDir` (outside the repository) a user's Pulumi project: the test program in
 * plain JavaScript, the repository's version of @pulumi/pulumi, and the package from
 * `tarball` (a path relative to `projectDir`), installed by npm as a user would.
 */
export function setUpUserProject(projectDir: string, tarball: string): void {
  const sdkVersion = (JSON.parse(readFileSync(path.join(repositoryRoot, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
  writeFileSync(
    path.join(projectDir, "package.json"),
    JSON.stringify({ name: "user-infrastructure", private: true, dependencies: { "@pulumi/pulumi": sdkVersion, "pulumi-github-secrets": `file:./${tarball}` } }, null, 2),
  );
  copyFileSync(path.join(__dirname, "program", "index.js"), path.join(projectDir, "index.js"));
  writeFileSync(path.join(projectDir, "Pulumi.yaml"), "name: user-infrastructure\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n");
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline"], { cwd: projectDir, stdio: "pipe" });
}

/** A local file backend and PULUMI_HOME in a fresh temporary directory, pointed at an emulator. */
export function workspaceFor(projectDir: string, prefix: string): { workspace: PulumiWorkspace; stateDir: string; runs: PulumiRun[] } {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const runs: PulumiRun[] = [];
  const workspace = new PulumiWorkspace({ projectDir, stateDir, passphrase: "e2e-passphrase" });
  const run = workspace.run.bind(workspace);
  // Every command's output is kept, to be searched for plaintext afterwards.
  workspace.run = async (args, options) => {
    const result = await run(args, options);
    runs.push(result);
    return result;
  };
  return { workspace, stateDir, runs };
}

export async function configureForEmulator(workspace: PulumiWorkspace, emulator: GitHubEmulator): Promise<void> {
  await workspace.setConfig("github:token", emulator.token, { secret: true });
  await workspace.setConfig("github:baseUrl", emulator.url);
  await workspace.setConfig("github:owner", "octo-org");
  await workspace.setConfig("githubSecrets:writeIntervalMs", "0");
}

/** The provider plugin's settings (its own `github-secrets:` namespace) for an emulator; the token as a secret unless told otherwise. */
export async function configurePluginForEmulator(workspace: PulumiWorkspace, emulator: GitHubEmulator, options: { tokenAsSecret?: boolean } = {}): Promise<void> {
  await workspace.setConfig("github-secrets:token", emulator.token, { secret: options.tokenAsSecret ?? true });
  await workspace.setConfig("github-secrets:baseUrl", emulator.url);
  await workspace.setConfig("github-secrets:owner", "octo-org");
  await workspace.setConfig("github-secrets:writeIntervalMs", "0");
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

/**
 * Searches the exported state, every file of the backend and of PULUMI_HOME (state, history,
 * backups, logs) and the output of every command for each plaintext. None may appear.
 */
export async function assertNoPlaintext(
  context: { workspace: PulumiWorkspace; stateDir: string; runs: PulumiRun[] },
  plaintexts: readonly string[],
  step: string,
): Promise<void> {
  const exported = await context.workspace.exportState();
  const haystacks: [string, string][] = [["pulumi stack export", exported]];
  for (const file of filesUnder(context.stateDir)) {
    if (statSync(file).size < 50_000_000) haystacks.push([file, readFileSync(file).toString("latin1")]);
  }
  for (const run of context.runs) haystacks.push([`output of pulumi ${run.args.join(" ")}`, run.stdout + run.stderr]);
  for (const plaintext of plaintexts) {
    for (const [where, text] of haystacks) {
      assert.ok(!text.includes(plaintext), `${step}: a plaintext (${plaintext.slice(0, 4)}…) appears in ${where}`);
    }
  }
}

/** Resources of the exported state, by type suffix. */
export function resourcesOf(exported: string): { urn: string; type: string; outputs: Record<string, unknown>; inputs: Record<string, unknown> }[] {
  const state = JSON.parse(exported) as { deployment: { resources?: { urn: string; type: string; outputs?: Record<string, unknown>; inputs?: Record<string, unknown> }[] } };
  return (state.deployment.resources ?? [])
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/github-secrets:"))
    .map((r) => ({ urn: r.urn, type: r.type, outputs: r.outputs ?? {}, inputs: r.inputs ?? {} }));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * After a suite: destroys and removes the stack, its settings file and its state directory,
 * and stops the emulator. `destroy: false` skips the destroy when the emulator is thrown
 * away anyway and destroying costs minutes (hundreds of resources).
 */
export async function tearDownStack(
  context: ReturnType<typeof workspaceFor> | undefined,
  stack: string,
  emulator: GitHubEmulator | undefined,
  options: { destroy?: boolean } = {},
): Promise<void> {
  if (options.destroy !== false) await context?.workspace.run(["destroy", "--yes", "--stack", stack], { allowFailure: true });
  await context?.workspace.run(["stack", "rm", "--yes", "--force", stack], { allowFailure: true });
  if (context) {
    rmSync(path.join(context.workspace.options.projectDir, `Pulumi.${stack}.yaml`), { force: true });
    removeDir(context.stateDir);
  }
  await emulator?.close();
}

/**
 * Writes the values the test program passes as Pulumi secrets (`secretArgs` in
 * test/e2e/program) to a JSON file outside the directories assertNoPlaintext searches, and
 * points the selected stack's `secretValuesFile` at it. Returns the file's directory, for
 * the suite to remove.
 */
export async function useSecretValues(workspace: PulumiWorkspace, values: Readonly<Record<string, unknown>>): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "github-secrets-e2e-values-"));
  const file = path.join(dir, "values.json");
  writeFileSync(file, JSON.stringify(values));
  await workspace.setConfig("secretValuesFile", file);
  return dir;
}
