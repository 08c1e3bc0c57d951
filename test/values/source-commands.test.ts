import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MAX_VALUE_BYTES } from "../../provider/lifecycle/input-rules";
import { readSource } from "../../provider/values/value-sources";
import { deployment, newProviderProcess } from "../support/deployment";
import { withEnvironment } from "../support/environment";
import { nodeCommand, readFailure as failure } from "../support/value-source-commands";

/*
 * `valueFrom` commands, as password managers' and secret stores' command-line tools are
 * scripted: what is taken from stdout, what the command is given (no shell, no stdin), when
 * it is stopped, and how each failure is told without the value or stderr.
 */

const node = process.execPath;

/** Whether `pid` still runs: a process that died and waits to be reaped (a zombie) does not. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/**
 * Those of `pids` still running once a SIGKILL had time to land (the bound is generous for a
 * loaded machine); they are killed then, so that no test leaves a process behind.
 */
async function killedOrKill(pids: readonly number[]): Promise<number[]> {
  for (let turn = 0; turn < 250 && pids.some(running); turn++) await new Promise((resolve) => setTimeout(resolve, 20));
  const left = pids.filter(running);
  for (const pid of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
  }
  return left;
}

describe("valueFrom commands: stdout taken, stderr never shown, stopped at the timeout", () => {
  const secret = "s3cr3t-from-the-vault";

  it("takes stdout with exactly one trailing newline removed (\\n or \\r\\n)", async () => {
    const cases: [string, string][] = [
      [`${secret}\n`, secret],
      [`${secret}\r\n`, secret],
      [`${secret}\n\n`, `${secret}\n`],
      [secret, secret],
      [`line one\nline two\n`, "line one\nline two"],
    ];
    for (const [printed, value] of cases) {
      newProviderProcess();
      assert.equal(await readSource(deployment(), nodeCommand(`process.stdout.write(${JSON.stringify(printed)})`)), value, JSON.stringify(printed));
    }
  });

  it("runs without a shell: arguments are passed as they are", async () => {
    const args = ["$HOME", "; echo injected", "`id`", "*"];
    const value = await readSource(deployment(), { command: [node, "-e", "process.stdout.write(JSON.stringify(process.argv.slice(1)))", ...args] });
    assert.deepEqual(JSON.parse(value), args);
  });

  it("gives the exit status and the size of stderr, never stderr itself", async () => {
    // The value reaches the command through its environment, so that only stderr could carry it.
    const message = await withEnvironment({ VALUES_TEST_SECRET: secret }, () =>
      failure(nodeCommand("process.stderr.write('debug: value is ' + process.env.VALUES_TEST_SECRET + '\\n'); process.exit(3)")),
    );
    assert.match(message, /^`valueFrom` command \[.*\] exited with status 3; it wrote 38 bytes to stderr, not shown because they could contain the value/);
    assert.ok(!message.includes(secret), "stderr must not be echoed");
  });

  it("refuses empty output and output over 48 KB, stopping a command that prints too much", async () => {
    assert.match(await failure(nodeCommand("process.stdout.write('\\n')")), /gave an empty value; an empty secret is almost always a failed lookup/);
    const endless = await failure(nodeCommand("const b = 'x'.repeat(65536); const w = () => process.stdout.write(b, w); w()"));
    assert.match(endless, /printed more than GitHub allows for a value \(48 KB\) and was stopped/);
    newProviderProcess();
    assert.equal((await readSource(deployment(), nodeCommand(`process.stdout.write('x'.repeat(${MAX_VALUE_BYTES}) + '\\r\\n')`))).length, MAX_VALUE_BYTES);
  });

  it("names a command that is not installed", async () => {
    assert.match(await failure({ command: ["values-test-no-such-command", "read"] }), /could not be started: "values-test-no-such-command" was not found on the PATH of the provider's process/);
  });

  it("stops a command that hangs after its timeout, with what to do", async () => {
    const started = Date.now();
    const message = await failure(nodeCommand("setInterval(() => {}, 1000)", 0.5));
    assert.ok(Date.now() - started < 10_000, "stopped at the timeout");
    assert.match(message, /did not finish within 0\.5 s and was stopped\. It gets no input \(stdin is closed, there is no terminal\).*sign in first/);
  });

  it("stops what a timed-out command started too (a wrapper's child holding stdout open)", async () => {
    const wrapper = `require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "inherit" }); setInterval(() => {}, 1000)`;
    const started = Date.now();
    assert.match(await failure(nodeCommand(wrapper, 0.5)), /did not finish within 0\.5 s and was stopped/);
    assert.ok(Date.now() - started < 10_000, "the child did not keep the read open");
  });

  it("gives a prompting command no input, even while the provider's own stdin stays open", async () => {
    // A provider process whose stdin is an open pipe (the engine's, say) reads a command that
    // waits for a line on stdin, as a password prompt does. Inherited, the command would wait
    // for the timeout; closed, it sees the end of input at once.
    const prompt = "let got = ''; process.stdin.on('data', (d) => (got += d)); process.stdin.on('end', () => process.exit(got ? 0 : 4))";
    const script = `const { Deployment } = require(${JSON.stringify(path.resolve(__dirname, "../../provider/deployment/deployment.ts"))});
    require(${JSON.stringify(path.resolve(__dirname, "../../provider/values/value-sources.ts"))})
      .readSource(new Deployment({ baseUrl: "", writeIntervalMs: 0, maxRateLimitWaitSeconds: 0 }), { command: [process.execPath, "-e", ${JSON.stringify(prompt)}], timeoutSeconds: 20 })
      .then(() => console.log("read a value"), (e) => console.log(e.message));`;
    const provider = spawn(process.execPath, ["--import", "tsx", "-e", script], { stdio: ["pipe", "pipe", "inherit"] });
    let output = "";
    provider.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((resolve) => provider.once("close", resolve));
    provider.stdin.end();
    assert.match(output, /exited with status 4/);
  });
});

/*
 * A command whose descendant leaves its process group (`setsid cmd &`, a daemonising tool) and
 * keeps stdout open: killing the group does not reach it and the pipe never closes, so the
 * read must end at the timeout on its own, with the pipes destroyed. The sleeper sleeps 60 s;
 * the failure must come long before that (the bound is generous for a loaded machine).
 */

describe("valueFrom commands: the timeout bounds the whole read", () => {
  let dir: string;
  let pidFile: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), "value-source-lifetime-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    pidFile = path.join(dir, `sleeper-${Date.now()}.pid`);
  });
  afterEach(() => {
    // The sleeper left the group: kill it by its pid.
    if (!existsSync(pidFile)) return;
    try {
      process.kill(Number(readFileSync(pidFile, "utf8")), "SIGKILL");
    } catch {
      // Already gone.
    }
  });

  /** Starts a 60 s sleeper in a session of its own that inherits stdout and stderr, and records its pid. */
  const sleeperScript = () =>
    `const c = require("node:child_process").spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { detached: true, stdio: ["ignore", "inherit", "inherit"] });
     require("node:fs").writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); c.unref();`;
  const pipes = () => process.getActiveResourcesInfo().filter((r) => r === "PipeWrap").length;

  it("a command that exited while a process it started holds stdout open: fails at the timeout, naming timeoutSeconds", async () => {
    const before = pipes();
    const started = Date.now();
    const message = await failure(nodeCommand(`${sleeperScript()} process.stdout.write("value\\n")`, 1));
    const elapsed = Date.now() - started;
    assert.ok(existsSync(pidFile), "the sleeper was started");
    assert.ok(elapsed < 10_000, `failed after ${elapsed} ms, while the sleeper sleeps 60 s`);
    assert.match(message, /exited, but a process it started still held its stdout or stderr open after 1 s \(`timeoutSeconds`\), so the read was stopped/);
    assert.ok(!message.includes("value\n"));
    // A destroyed pipe's handle closes on a later turn of the event loop.
    for (let turn = 0; turn < 100 && pipes() > before; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(pipes(), before, "the pipes to the sleeper are closed");
  });

  it("a command still running whose grandchild left its group: fails at the timeout too", async () => {
    const started = Date.now();
    const message = await failure(nodeCommand(`${sleeperScript()} setInterval(() => {}, 1000)`, 1));
    const elapsed = Date.now() - started;
    assert.ok(existsSync(pidFile), "the sleeper was started");
    assert.ok(elapsed < 10_000, `failed after ${elapsed} ms, while the sleeper sleeps 60 s`);
    assert.match(message, /did not finish within 1 s and was stopped/);
  });

  it("the same with a shell's `setsid … &`", async () => {
    const started = Date.now();
    const message = await failure({ command: ["/bin/sh", "-c", 'setsid sleep 60 & echo $! > "$1"; echo value', "sh", pidFile], timeoutSeconds: 1 });
    assert.ok(Date.now() - started < 10_000);
    assert.match(message, /exited, but a process it started still held its stdout or stderr open after 1 s/);
  });
});

/*
 * Commands that misbehave: ignore SIGTERM, die by a signal, cannot be executed, print a lone
 * "\r\n".
 */

describe("valueFrom commands that misbehave: SIGTERM ignored, killed by a signal, not executable", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), "value-source-promises-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => newProviderProcess());

  it("removes a trailing \\r\\n or \\n only: a lone \\r\\n is an empty value, a trailing \\r stays", async () => {
    assert.match(await failure(nodeCommand("process.stdout.write('\\r\\n')")), /gave an empty value/);
    assert.equal(await readSource(deployment(), nodeCommand("process.stdout.write('value\\r')")), "value\r");
  });

  it("gives the command no stdin at all: a command reading stdin sees its end at once", async () => {
    const script = "let got = ''; process.stdin.on('data', (d) => (got += d)); process.stdin.on('end', () => process.stdout.write('end:' + got.length))";
    assert.equal(await readSource(deployment(), nodeCommand(script, 5)), "end:0");
  });

  it("stops a command that ignores SIGTERM when its timeout passes", async () => {
    const stubborn = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)";
    assert.match(await failure(nodeCommand(stubborn, 0.3)), /did not finish within 0\.3 s and was stopped\. It gets no input/);
  });

  it("leaves no timer behind once the command has finished, could not start or was stopped", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    await new Promise((resolve) => setImmediate(resolve));
    const before = timers();
    assert.equal(await readSource(deployment(), nodeCommand("process.stdout.write('quick')", 30)), "quick");
    await failure({ command: ["value-source-promises-no-such-command"], timeoutSeconds: 30 });
    assert.match(await failure(nodeCommand("process.stdout.write('x'.repeat(60000)); setInterval(() => {}, 1000)", 30)), /printed more than GitHub allows/);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(timers(), before, "a pending 30 s timer would keep the provider's process alive");
  });

  it("stops a command that prints too much together with what it started, by SIGKILL: no process is left behind", async () => {
    const pidFile = path.join(dir, "group.pids");
    // The command starts a child in its own process group (stdio ignored: it holds no pipe),
    // records both pids, prints more than GitHub allows and waits. Both ignore SIGTERM, and
    // the command a closed stdout: only a SIGKILL of the whole group stops them.
    const stubborn = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)";
    const script = `const c = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(stubborn)}], { stdio: "ignore" });
      require("node:fs").writeFileSync(${JSON.stringify(pidFile)}, JSON.stringify([process.pid, c.pid]));
      process.stdout.on("error", () => {}); process.stdout.write("x".repeat(60000)); ${stubborn}`;
    let left: number[] = [];
    try {
      assert.match(await failure(nodeCommand(script, 30)), /printed more than GitHub allows for a value \(48 KB\) and was stopped/);
    } finally {
      left = existsSync(pidFile) ? await killedOrKill(JSON.parse(readFileSync(pidFile, "utf8")) as number[]) : [];
    }
    assert.ok(existsSync(pidFile), "the command started its child");
    assert.deepEqual(left, [], "the command and its child are stopped");
  });

  it("tells a status or a signal alone when the command wrote nothing to stderr", async () => {
    const exits = nodeCommand("process.exit(3)");
    assert.equal(await failure(exits), `\`valueFrom\` command ${JSON.stringify(exits.command)} exited with status 3`);
    const killed = nodeCommand("process.kill(process.pid, 'SIGTERM'); setInterval(() => {}, 1000)");
    assert.equal(await failure(killed), `\`valueFrom\` command ${JSON.stringify(killed.command)} was killed by SIGTERM`);
    const noisy = nodeCommand("process.stderr.write('abc'); process.kill(process.pid, 'SIGTERM'); setInterval(() => {}, 1000)");
    assert.match(await failure(noisy), /was killed by SIGTERM; it wrote 3 bytes to stderr, not shown/);
  });

  it("names a file that is not executable, and any other reason a command cannot start", async () => {
    const script = path.join(dir, "not-executable.sh");
    writeFileSync(script, "#!/bin/sh\necho value\n");
    chmodSync(script, 0o644);
    assert.equal(await failure({ command: [script] }), `\`valueFrom\` command ${JSON.stringify([script])} could not be started: "${script}" is not executable (permission denied)`);
    const huge = ["/bin/echo", "x".repeat(200_000)];
    const message = await failure({ command: huge });
    assert.ok(message.startsWith("`valueFrom` command [") && message.endsWith("could not be started (E2BIG)"), message.slice(-80));
  });
});

/*
 * A `valueFrom` command started while the provider's process has no file descriptor left
 * (a large stack reading many values at once): Node's spawn then returns a child without
 * stdout and stderr and reports EMFILE on its "error" event, which must become the read's
 * failure rather than crash the provider on an unhandled event.
 */

describe("valueFrom commands started without a free file descriptor", () => {
  it("fails the read with could not be started (EMFILE), and the process carries on", async function () {
    const command = nodeCommand("process.stdout.write('value')");
    const held: number[] = [];
    let pending: Promise<string> | undefined;
    let openFailure: NodeJS.ErrnoException | undefined;
    try {
      // Node cannot lower its own limit: hold descriptors until none is left. Nothing else
      // runs meanwhile, as the read spawns its command synchronously.
      while (openFailure === undefined && held.length < 1_000_000) {
        try {
          held.push(openSync("/dev/null", "r"));
        } catch (error) {
          openFailure = error as NodeJS.ErrnoException;
        }
      }
      if (openFailure?.code === "EMFILE") pending = failure(command);
    } finally {
      for (const fd of held) closeSync(fd);
    }
    if (openFailure === undefined) this.skip(); // a limit above a million descriptors: cannot be exhausted here
    assert.equal(openFailure.code, "EMFILE", "the descriptors should run out for this process first");
    assert.equal(await pending, `\`valueFrom\` command ${JSON.stringify(command.command)} could not be started (EMFILE)`);
    // With descriptors free again the same command runs.
    newProviderProcess();
    assert.equal(await readSource(deployment(), command), "value");
  });
});
