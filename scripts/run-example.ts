/*
 * The main job: `pulumi up` on the example program (examples/index.ts) with a local stack.
 * Without a GitHub token it starts the built-in GitHub API emulator, points the stack at it,
 * and afterwards checks what landed against what was configured. With GITHUB_TOKEN (or
 * GH_TOKEN) and GITHUB_OWNER set, it manages real secrets in that account instead.
 *
 *   npm run example              # emulator, unless a token is in the environment
 *   npm run example -- --destroy # also destroy the stack afterwards
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type Container, type GitHubEmulator } from "../emulator";
import { PulumiWorkspace } from "./lib/pulumi-cli";

const repositoryRoot = path.resolve(__dirname, "..");
const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN;
const destroyAfter = process.argv.includes("--destroy");

interface Expectation {
  readonly resource: string;
  readonly kind: "secret" | "variable";
  readonly container: Container;
  readonly name: string;
  readonly value: string;
}

async function main(): Promise<void> {
  const emulated = !token;
  let emulator: GitHubEmulator | undefined;
  const values = {
    databasePassword: `db-${randomBytes(12).toString("hex")}`,
    deployKey: `deploy-${randomBytes(12).toString("hex")}`,
    registryToken: `registry-${randomBytes(12).toString("hex")}`,
  };

  let workspace: PulumiWorkspace;
  let stateDir: string | undefined;
  if (emulated) {
    emulator = await startEmulator({ port: 0 });
    console.log(`No GITHUB_TOKEN: using the GitHub API emulator at ${emulator.url}`);
    // The emulator starts empty, so its stack does too: state lives in a fresh temporary directory.
    stateDir = mkdtempSync(path.join(os.tmpdir(), "github-secrets-example-"));
    workspace = new PulumiWorkspace({ projectDir: repositoryRoot, stateDir, passphrase: "example", echo: true });
    await workspace.selectOrInitStack("emulator");
    await workspace.setConfig("github:token", emulator.token, { secret: true });
    await workspace.setConfig("github:baseUrl", emulator.url);
    await workspace.setConfig("github:owner", "octo-org");
    await workspace.setConfig("githubSecrets:writeIntervalMs", "0");
  } else {
    const owner = process.env.GITHUB_OWNER;
    if (!owner) throw new Error("With a real GITHUB_TOKEN, set GITHUB_OWNER to the account (or organization) that owns the repository");
    if (!process.env.PULUMI_CONFIG_PASSPHRASE) throw new Error("Set PULUMI_CONFIG_PASSPHRASE: it protects the secrets in the local stack's state");
    console.log(`Using GitHub at ${process.env.GITHUB_API_URL ?? "https://api.github.com"} as owner ${owner}`);
    workspace = new PulumiWorkspace({
      projectDir: repositoryRoot,
      stateDir: path.join(repositoryRoot, ".pulumi-state"),
      passphrase: process.env.PULUMI_CONFIG_PASSPHRASE,
      echo: true,
    });
    await workspace.selectOrInitStack(process.env.EXAMPLE_STACK ?? "local");
  }
  for (const [key, value] of Object.entries(values)) {
    // A real stack keeps the values it was given; the emulator's stack is new every run.
    const keep = !emulated && (await workspace.run(["config", "get", key], { allowFailure: true, quiet: true })).code === 0;
    if (!keep) await workspace.setConfig(key, value, { secret: true });
  }

  try {
    await workspace.run(["up", "--yes"]);
    if (emulator) {
      const ok = report(emulator, expectations(values));
      if (!ok) process.exitCode = 1;
    } else {
      console.log("\nWritten. GitHub never returns a secret's value; `pulumi stack output written` lists names and times.");
    }
    if (destroyAfter) await workspace.run(["destroy", "--yes"]);
  } finally {
    await emulator?.close();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  }
}

function expectations(values: { databasePassword: string; deployKey: string; registryToken: string }): Expectation[] {
  const repo = { owner: "octo-org", repo: "app" };
  const environment = { app: "actions" as const, ...repo, environment: "staging/eu" };
  return [
    { resource: "RepoSecret", kind: "secret", container: { app: "actions", ...repo }, name: "DATABASE_PASSWORD", value: values.databasePassword },
    { resource: "EnvironmentSecret", kind: "secret", container: environment, name: "DEPLOY_KEY", value: values.deployKey },
    { resource: "DependabotSecret", kind: "secret", container: { app: "dependabot", ...repo }, name: "REGISTRY_TOKEN", value: values.registryToken },
    { resource: "CodespacesSecret", kind: "secret", container: { app: "codespaces", ...repo }, name: "REGISTRY_TOKEN", value: values.registryToken },
    { resource: "RepoVariable", kind: "variable", container: { app: "actions", ...repo }, name: "LOG_LEVEL", value: "info" },
    { resource: "EnvironmentVariable", kind: "variable", container: environment, name: "REGION", value: "eu-west-1" },
    { resource: "OrgSecret", kind: "secret", container: { app: "actions", org: "octo-org" }, name: "ORG_REGISTRY_TOKEN", value: values.registryToken },
    { resource: "DependabotSecret (org)", kind: "secret", container: { app: "dependabot", org: "octo-org" }, name: "ORG_REGISTRY_TOKEN", value: values.registryToken },
    { resource: "CodespacesSecret (org)", kind: "secret", container: { app: "codespaces", org: "octo-org" }, name: "ORG_REGISTRY_TOKEN", value: values.registryToken },
    { resource: "OrgVariable", kind: "variable", container: { app: "actions", org: "octo-org" }, name: "PLATFORM_TEAM", value: "platform" },
    { resource: "CodespacesSecret (user)", kind: "secret", container: { app: "codespaces", user: true }, name: "DOTFILES_TOKEN", value: values.deployKey },
  ];
}

/** Prints each item's name and whether the emulator's decrypted value is the configured one. */
function report(emulator: GitHubEmulator, expected: readonly Expectation[]): boolean {
  console.log("\nWhat landed in the emulator (values decrypted there with libsodium, compared, never printed):");
  let ok = true;
  for (const item of expected) {
    const stored = item.kind === "secret" ? emulator.getSecret(item.container, item.name) : emulator.getVariable(item.container, item.name);
    const verdict = !stored ? "MISSING" : stored.value === item.value ? "matches" : "DIFFERS";
    if (verdict !== "matches") ok = false;
    console.log(`  ${verdict === "matches" ? "✓" : "✗"} ${item.resource.padEnd(24)} ${item.name.padEnd(20)} ${describe(item.container).padEnd(36)} ${verdict}`);
  }
  console.log(ok ? "\nEvery configured value landed." : "\nSome values did not land as configured.");
  return ok;
}

function describe(container: Container): string {
  if ("user" in container) return `${container.app} (authenticated user)`;
  if ("org" in container) return `${container.app} org ${container.org}`;
  return `${container.app} ${container.owner}/${container.repo}${container.environment ? ` env ${container.environment}` : ""}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
