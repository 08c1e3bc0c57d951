import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fingerprint, matchesFingerprint } from "../../provider/values/fingerprint";
import { MAX_VALUE_BYTES } from "../../provider/lifecycle/input-rules";
import { readSource } from "../../provider/values/value-sources";
import { deployment, newProviderProcess } from "../support/deployment";
import { withEnvironment } from "../support/environment";
import { nodeCommand, readFailure as failure } from "../support/value-source-commands";

/*
 * `valueFrom` sources as users of password managers and secret stores script them: what
 * is read, what is removed, and how each failure is told without the value.
 */

const node = process.execPath;

describe("valueFrom sources", () => {
  const secret = "s3cr3t-from-the-vault";
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), "value-sources-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("env", () => {
    it("reads the provider process's environment, exactly", async () => {
      await withEnvironment({ VALUES_TEST_SECRET: `${secret}\n` }, async () => {
        assert.equal(await readSource(deployment(), { env: "VALUES_TEST_SECRET" }), `${secret}\n`);
      });
    });

    it("names an unset or empty variable, not a value", async () => {
      await withEnvironment({ VALUES_TEST_UNSET: undefined, VALUES_TEST_EMPTY: "" }, async () => {
        assert.match(await failure({ env: "VALUES_TEST_UNSET" }), /`valueFrom` env VALUES_TEST_UNSET: the environment variable is not set in the provider's process/);
        assert.match(await failure({ env: "VALUES_TEST_EMPTY" }), /`valueFrom` env VALUES_TEST_EMPTY gave an empty value/);
      });
    });
  });

  describe("file", () => {
    it("reads the file's exact contents, a relative path from the process's directory", async () => {
      const file = path.join(dir, "exact.txt");
      writeFileSync(file, `${secret}\n`);
      assert.equal(await readSource(deployment(), { file }), `${secret}\n`, "a file's own newline is part of its value");
      newProviderProcess();
      assert.equal(await readSource(deployment(), { file: path.relative(process.cwd(), file) }), `${secret}\n`);
    });

    it("names a missing file with where it was looked for, a directory, a large or binary file", async () => {
      assert.match(await failure({ file: "no/such/file.txt" }), new RegExp(`file "no/such/file.txt" \\(${path.resolve("no/such/file.txt").replace(/[/.]/g, "\\$&")}, relative to the program's directory\\) does not exist`));
      assert.match(await failure({ file: dir }), /is not a regular file/);
      writeFileSync(path.join(dir, "large"), "x".repeat(MAX_VALUE_BYTES + 1));
      assert.match(await failure({ file: path.join(dir, "large") }), /gave more than 49152 bytes; GitHub allows at most 48 KB/);
      writeFileSync(path.join(dir, "exactly-48k"), "x".repeat(MAX_VALUE_BYTES));
      assert.equal((await readSource(deployment(), { file: path.join(dir, "exactly-48k") })).length, MAX_VALUE_BYTES);
      writeFileSync(path.join(dir, "binary"), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
      assert.match(await failure({ file: path.join(dir, "binary") }), /not UTF-8 text; .* base64-encode binary values/);
      writeFileSync(path.join(dir, "empty"), "");
      assert.match(await failure({ file: path.join(dir, "empty") }), /gave an empty value/);
    });
  });

  describe("command", () => {
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

  describe("fingerprint", () => {
    it("matches its value only, with a fresh salt each time, and holds no trace of the value", async () => {
      const a = await fingerprint(secret);
      const b = await fingerprint(secret);
      assert.match(a, /^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
      assert.notEqual(a, b, "a random salt per fingerprint");
      assert.ok(!a.includes(secret) && !a.includes(Buffer.from(secret).toString("base64").slice(0, 12)));
      assert.equal(await matchesFingerprint(secret, a), true);
      assert.equal(await matchesFingerprint(secret, b), true);
      assert.equal(await matchesFingerprint(`${secret}x`, a), false);
      assert.equal(await matchesFingerprint(secret, undefined), false);
      assert.equal(await matchesFingerprint(secret, "not a fingerprint"), false);
      assert.equal(await matchesFingerprint(secret, a.replace("ln=14", "ln=40")), false, "a tampered cost is refused, not attempted");
    });
  });
});
