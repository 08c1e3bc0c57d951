// The github-secrets-emulator command, as it ships (dist/emulator/cli.js): it says it is for
// tests only, takes its token from GITHUB_EMULATOR_TOKEN as well as --token (which `ps` shows),
// and without its optional peer dependencies prints one line naming them and exits 1.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const repositoryRoot = path.resolve(__dirname, "..", "..");
const builtEmulator = path.join(repositoryRoot, "dist", "emulator");
const FOR_TESTS_ONLY =
  "For tests only: an emulator of GitHub's API, not a replacement for GitHub. It serves plain HTTP (no TLS) on 127.0.0.1, " +
  "keeps everything in memory, and its keys and tokens protect nothing: never put real secrets in it.";

/** This process's environment without anything that would let the child find modules elsewhere. */
function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ["NODE_PATH", "NODE_OPTIONS", "GITHUB_EMULATOR_TOKEN"]) if (!(name in extra)) delete env[name];
  return env;
}

/** Starts the command; resolves with what it printed on stdout (one JSON line) and stderr so far. */
async function startCommand(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [path.join(builtEmulator, "cli.js"), ...args], { env: childEnvironment(env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    return exited;
  };
  const printed = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes("\n")) return;
      try {
        resolve(JSON.parse(stdout.split("\n")[0]!) as { url: string; token: string });
      } catch (error) {
        reject(error as Error);
      }
    });
    child.once("exit", (code) => reject(new Error(`github-secrets-emulator exited with ${code}: ${stderr}`)));
  }).catch(async (error: unknown) => {
    // Not left running when it printed something else: the suite would never end.
    await stop();
    throw error;
  });
  return { printed, stdout: () => stdout, stderr: () => stderr, stop };
}

describe("the github-secrets-emulator command", function () {
  this.timeout(30_000);

  before(() => assert.ok(existsSync(path.join(builtEmulator, "cli.js")), "run `npm run build` first: this suite runs the built command"));

  it("says in --help that it is for tests only, and that GITHUB_EMULATOR_TOKEN keeps the token out of `ps`", () => {
    const help = spawnSync(process.execPath, [path.join(builtEmulator, "cli.js"), "--help"], { env: childEnvironment(), encoding: "utf8" });
    assert.equal(help.status, 0);
    assert.ok(help.stdout.includes(`\n${FOR_TESTS_ONLY}\n`), help.stdout);
    assert.match(help.stdout, /--token T +the token clients must send; every user of the machine sees it in `ps`,\n +so prefer GITHUB_EMULATOR_TOKEN/);
    assert.match(help.stdout, /\nenvironment:\n +GITHUB_EMULATOR_TOKEN +the token clients must send, when --token is not given\n/);
  });

  it("says at startup, on stderr, that it is for tests only; stdout stays its one JSON line", async () => {
    const command = await startCommand(["--port", "0"]);
    try {
      assert.match(command.printed.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(command.printed.token, /^ghp_emulator_/);
      assert.equal(command.stderr(), `github-secrets-emulator: ${FOR_TESTS_ONLY}\n`);
      assert.equal(command.stdout().split("\n").length, 2, "one line, then nothing");
    } finally {
      assert.equal(await command.stop(), 0);
    }
  });

  it("takes its token from GITHUB_EMULATOR_TOKEN, and from --token over it", async () => {
    /** The token the command printed, and the status it answers a request made with the environment's token. */
    const started = async (args: string[], token: string) => {
      const command = await startCommand(args, { GITHUB_EMULATOR_TOKEN: token });
      try {
        const reply = await fetch(`${command.printed.url}/repos/octo-org/app`, { headers: { authorization: `token ${token}` } });
        return [command.printed.token, reply.status];
      } finally {
        await command.stop();
      }
    };
    assert.deepEqual(await started([], "ghp_from_the_environment"), ["ghp_from_the_environment", 200]);
    assert.deepEqual(await started(["--token", "ghp_from_the_flag"], "ghp_from_the_environment"), ["ghp_from_the_flag", 401]);
    const [random, status] = await started([], "");
    assert.match(String(random), /^ghp_emulator_/, "an empty variable counts as unset");
    assert.equal(status, 401);
  });

  describe("without its optional peer dependencies", () => {
    let installed: string;

    /** The built emulator alone in a directory of its own, where `require` finds none of the repository's modules. */
    beforeEach(() => {
      installed = mkdtempSync(path.join(tmpdir(), "emulator-without-peers-"));
      cpSync(builtEmulator, path.join(installed, "emulator"), { recursive: true });
      writeFileSync(path.join(installed, "package.json"), JSON.stringify({ name: "without-peers", private: true }));
    });
    afterEach(() => rmSync(installed, { recursive: true, force: true }));

    const run = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(installed, "emulator", "cli.js"), ...args], { cwd: installed, env: childEnvironment(), encoding: "utf8" });

    it("prints one line naming them and what to install, with no stack trace, and exits 1", () => {
      const result = run("--port", "0");
      assert.equal(result.status, 1);
      assert.equal(result.stdout, "");
      assert.equal(
        result.stderr,
        "github-secrets-emulator: pulumi-github-secrets/emulator needs libsodium-wrappers, ajv, ajv-formats " +
          "(optional peer dependencies, not installed with the package): npm install --save-dev libsodium-wrappers ajv ajv-formats\n",
      );
    });

    it("names only those missing, and still answers --help", () => {
      mkdirSync(path.join(installed, "node_modules"));
      symlinkSync(path.join(repositoryRoot, "node_modules", "libsodium-wrappers"), path.join(installed, "node_modules", "libsodium-wrappers"), "dir");
      const result = run();
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        "github-secrets-emulator: pulumi-github-secrets/emulator needs ajv, ajv-formats " +
          "(optional peer dependencies, not installed with the package): npm install --save-dev ajv ajv-formats\n",
      );
      const help = run("--help");
      assert.equal(help.status, 0);
      assert.ok(help.stdout.includes(FOR_TESTS_ONLY));
    });
  });
});
