/** The benchmark's Pulumi projects: one for ours and one for the floor, installed as a user's are. */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { GitHubEmulator } from "../../emulator";
import { PulumiWorkspace } from "../lib/pulumi-cli";
import { ProviderMemorySampler } from "./process-memory";
import type { Variant } from "./report";

const repositoryRoot = path.resolve(__dirname, "..", "..");
export const STACK = "bench";

/** How the program spreads its secrets: `count` of them over `repositories` repositories. */
export interface Shape {
  count: number;
  repositories: number;
}

export interface Project {
  variant: Variant;
  dir: string;
  workspace: PulumiWorkspace;
  memory: ProviderMemorySampler;
}

/** The repository of the program's `index`-th secret (scripts/bench/program/index.js spreads them alike); the plugin's own. */
export function repositoryOf(shape: Shape, index: number, variant: Variant = "ours"): string {
  return `${repositoryPrefix(variant)}${Math.floor((index * shape.repositories) / shape.count)}`;
}

/** The plugin's secrets go to repositories of their own: GitHub holds at most 100 per repository. */
export function repositoryPrefix(variant: Variant): string {
  return variant === "plugin" ? "bench-plugin-" : "bench-";
}

/**
 * The plugin's program: the same secrets as scripts/bench/program, written out in Pulumi YAML
 * (which has no loops), each value a secret that changes with `version`.
 */
function pluginProgram(shape: Shape): string {
  const resources = Array.from(
    { length: shape.count },
    (_, i) =>
      `  secret-${i}:\n    type: github-secrets:index:RepoSecret\n    properties:\n      owner: octo-org\n      repository: ${repositoryOf(shape, i, "plugin")}\n` +
      `      secretName: BENCH_SECRET_${i}\n      value:\n        fn::secret: value-\${version}-${i}\n`,
  );
  const pluginDir = path.join(repositoryRoot, "dist", "provider", "plugin");
  return `name: github-secrets-bench-plugin\nruntime: yaml\nconfig:\n  version:\n    type: string\nresources:\n${resources.join("")}plugins:\n  providers:\n    - name: github-secrets\n      path: ${pluginDir}\n`;
}

async function makePluginProject(emulator: GitHubEmulator, shape: Shape): Promise<Project> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "github-secrets-bench-plugin-"));
  writeFileSync(path.join(dir, "Pulumi.yaml"), pluginProgram(shape));
  const workspace = new PulumiWorkspace({ projectDir: dir, stateDir: path.join(dir, ".state"), passphrase: "bench" });
  await workspace.run(["stack", "init", STACK]);
  await workspace.setConfig("github-secrets:token", emulator.token, { secret: true });
  await workspace.setConfig("github-secrets:baseUrl", emulator.url);
  await workspace.setConfig("github-secrets:writeIntervalMs", "0");
  return { variant: "plugin", dir, workspace, memory: new ProviderMemorySampler(workspace.homeDir, path.join("dist", "provider", "plugin")) };
}

/**
 * A Pulumi project in a temporary directory, with the packages installed as a user's project
 * has them: ours (package.json and the files of dist/provider that npm packs) and the floor
 * copied into its node_modules, so that the serializer sees them under node_modules and writes
 * each provider as a `require` by package name; every other dependency linked to this
 * repository's node_modules.
 */
export async function makeProject(variant: Variant, emulator: GitHubEmulator, shape: Shape, calibrate: boolean): Promise<Project> {
  if (variant === "plugin") return makePluginProject(emulator, shape);
  const dir = mkdtempSync(path.join(os.tmpdir(), `github-secrets-bench-${variant}-`));
  const modules = path.join(dir, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(repositoryRoot, "node_modules"))) {
    if (entry !== "pulumi-github-secrets") symlinkSync(path.join(repositoryRoot, "node_modules", entry), path.join(modules, entry));
  }
  const ours = path.join(modules, "pulumi-github-secrets");
  mkdirSync(ours);
  copyFileSync(path.join(repositoryRoot, "package.json"), path.join(ours, "package.json"));
  for (const file of packagedProviderFiles()) {
    mkdirSync(path.dirname(path.join(ours, file)), { recursive: true });
    copyFileSync(path.join(repositoryRoot, file), path.join(ours, file));
  }
  cpSync(path.join(__dirname, "floor"), path.join(modules, "bench-floor"), { recursive: true });
  copyFileSync(path.join(__dirname, "program", "index.js"), path.join(dir, "index.js"));
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: github-secrets-bench\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n");
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "github-secrets-bench", private: true }));
  const workspace = new PulumiWorkspace({ projectDir: dir, stateDir: path.join(dir, ".state"), passphrase: "bench" });
  await workspace.run(["stack", "init", STACK]);
  await workspace.setConfig("github:token", emulator.token, { secret: true });
  await workspace.setConfig("github:baseUrl", emulator.url);
  await workspace.setConfig("github:owner", "octo-org");
  await workspace.setConfig("githubSecrets:writeIntervalMs", "0");
  await workspace.setConfig("count", String(shape.count));
  await workspace.setConfig("repositories", String(shape.repositories));
  await workspace.setConfig("variant", calibrate ? "floor" : variant);
  return { variant, dir, workspace, memory: new ProviderMemorySampler(workspace.homeDir) };
}

/**
 * The files of dist/provider that `npm pack` puts in the package (package.json `files`): a
 * user's install has no source maps, which the program would otherwise read to place every
 * resource's stack trace.
 */
function packagedProviderFiles(): string[] {
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: repositoryRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as [{ files: Array<{ path: string }> }];
  return pack.files.map((file) => file.path).filter((file) => file.startsWith("dist/provider/"));
}
