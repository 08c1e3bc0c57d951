import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readSource } from "../provider/values/value-sources";
import { deployment, newProviderProcess } from "./support/deployment";
import { nodeCommand, readFailure as failure } from "./support/value-source-commands";

/*
 * More of what `valueFrom` promises: one read per source per process, messages that name the
 * source exactly, special files, and commands that misbehave (ignore SIGTERM, die by a
 * signal, cannot be executed, print a lone "\r\n").
 */

describe("valueFrom sources: what else is promised", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), "value-source-promises-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => newProviderProcess());

  it("reads a source once per process: a second read runs nothing, the same file by another path is the same source", async () => {
    const counter = path.join(dir, "runs");
    writeFileSync(counter, "");
    const counted = nodeCommand(`require("node:fs").appendFileSync(${JSON.stringify(counter)}, "x"); process.stdout.write("counted-value")`);
    assert.equal(await readSource(deployment(), counted), "counted-value");
    assert.equal(await readSource(deployment(), { ...counted }), "counted-value");
    assert.equal(readFileSync(counter, "utf8"), "x", "the command ran once");

    const file = path.join(dir, "once.txt");
    writeFileSync(file, "first-contents");
    assert.equal(await readSource(deployment(), { file }), "first-contents");
    writeFileSync(file, "second-contents");
    assert.equal(await readSource(deployment(), { file: path.relative(process.cwd(), file) }), "first-contents", "what diff compared is what update writes");
    newProviderProcess();
    assert.equal(await readSource(deployment(), { file }), "second-contents", "a new process reads again");
  });

  it("names the source exactly in every refusal", async () => {
    const missing = path.join(dir, "missing.txt");
    assert.equal(await failure({ file: missing }), `\`valueFrom\` file ${JSON.stringify(missing)} does not exist`, "an absolute path is not explained again");
    const empty = path.join(dir, "empty.txt");
    writeFileSync(empty, "");
    assert.equal(await failure({ file: empty }), `\`valueFrom\` file ${JSON.stringify(empty)} gave an empty value; an empty secret is almost always a failed lookup`);
    const silent = nodeCommand("");
    assert.equal(await failure(silent), `\`valueFrom\` command ${JSON.stringify(silent.command)} gave an empty value; an empty secret is almost always a failed lookup`);
  });

  it("refuses a device as not a regular file, and names the error of a path that cannot be opened", async () => {
    assert.equal(await failure({ file: "/dev/null" }), '`valueFrom` file "/dev/null" is not a regular file');
    const file = path.join(dir, "plain.txt");
    writeFileSync(file, "v");
    const below = path.join(file, "child");
    assert.equal(await failure({ file: below }), `\`valueFrom\` file ${JSON.stringify(below)} cannot be read (ENOTDIR)`);
  });

  it("leaves no file open after reading files", async () => {
    const open = () => readdirSync("/proc/self/fd").length;
    const before = open();
    for (let i = 0; i < 20; i++) {
      const file = path.join(dir, `fd-${i}.txt`);
      writeFileSync(file, `value-${i}`);
      assert.equal(await readSource(deployment(), { file }), `value-${i}`);
    }
    assert.ok(open() <= before + 2, `file descriptors: ${before} before, ${open()} after`);
  });

  describe("command", () => {
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

    it("leaves no timer behind once the command has finished or could not start", async () => {
      const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
      await new Promise((resolve) => setImmediate(resolve));
      const before = timers();
      assert.equal(await readSource(deployment(), nodeCommand("process.stdout.write('quick')", 30)), "quick");
      await failure({ command: ["value-source-promises-no-such-command"], timeoutSeconds: 30 });
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(timers(), before, "a pending 30 s timer would keep the provider's process alive");
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
});
