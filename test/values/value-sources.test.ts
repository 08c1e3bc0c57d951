import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { UNKNOWN } from "../../provider/lifecycle/engine-values";
import { MAX_VALUE_BYTES } from "../../provider/lifecycle/input-rules";
import { isUnknownSource, readSource, readUpTo, sameSource, unreadableFileReason } from "../../provider/values/value-sources";
import { deployment, newProviderProcess } from "../support/deployment";
import { withEnvironment } from "../support/environment";
import { nodeCommand, readFailure as failure } from "../support/value-source-commands";

/*
 * `valueFrom` sources as users of password managers and secret stores script them: what
 * is read, what is removed, and how each failure is told without the value. Commands, the
 * third kind of source, have a suite of their own: source-commands.test.ts.
 */

describe("valueFrom sources: env and file", () => {
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
});

/*
 * More of what `valueFrom` promises: one read per source per process, messages that name the
 * source exactly, special files.
 */

describe("valueFrom sources: one read per process, the source named exactly, special files refused", () => {
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

  it("refuses a FIFO at once instead of waiting for a writer", async () => {
    const fifo = path.join(dir, "value.fifo");
    execFileSync("mkfifo", [fifo]);
    // Opened for reading without O_NONBLOCK, a FIFO blocks until a writer comes: none will.
    assert.equal(await failure({ file: fifo }), `\`valueFrom\` file ${JSON.stringify(fifo)} is not a regular file`);
  });

  it("reads a procfs file to its end: regular, of size 0, with contents", async () => {
    const value = await readSource(deployment(), { file: "/proc/self/status" });
    assert.match(value, /^Name:\t/);
    assert.match(value, new RegExp(`\\nPid:\\t${process.pid}\\n`), "the whole file, not its stat size");
  });

  it("reads a file that comes a piece at a time (procfs gives a page per read) to its end, or to the limit", async () => {
    const contents = Buffer.from("0123456789abcdefghij");
    /** A handle whose reads return at most 3 bytes, as a procfs file returns a page. */
    const pieces = () => {
      let position = 0;
      return {
        read: async (buffer: Buffer, offset: number, length: number) => {
          const bytesRead = contents.copy(buffer, offset, position, position + Math.min(3, length));
          position += bytesRead;
          return { bytesRead, buffer };
        },
      };
    };
    assert.equal((await readUpTo(pieces() as never, 64)).toString(), contents.toString(), "to the end");
    assert.equal((await readUpTo(pieces() as never, 10)).toString(), "0123456789", "to the limit");
  });

  it("follows symbolic links (mounted secrets are links) and judges what they point to", async () => {
    const target = path.join(dir, "target.txt");
    writeFileSync(target, "linked-value");
    const link = path.join(dir, "link.txt");
    symlinkSync(target, link);
    assert.equal(await readSource(deployment(), { file: link }), "linked-value");
    const fifo = path.join(dir, "linked.fifo");
    execFileSync("mkfifo", [fifo]);
    symlinkSync(fifo, path.join(dir, "link-to-fifo"));
    assert.match(await failure({ file: path.join(dir, "link-to-fifo") }), /is not a regular file$/);
    symlinkSync(path.join(dir, "absent"), path.join(dir, "dangling"));
    assert.match(await failure({ file: path.join(dir, "dangling") }), /does not exist$/);
  });

  it("resolves a relative path against the process's working directory (the program's directory)", async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      writeFileSync(path.join(dir, "here.txt"), "relative-value");
      assert.equal(await readSource(deployment(), { file: "here.txt" }), "relative-value");
      assert.match(await failure({ file: "./elsewhere.txt" }), new RegExp(`\\(${path.join(dir, "elsewhere.txt").replace(/[/.]/g, "\\$&")}, relative to the program's directory\\) does not exist`));
    } finally {
      process.chdir(cwd);
    }
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
});

/*
 * Which `valueFrom` sources are the same (the timeout does not count, a missing source is the
 * same only as another missing one), which are not known yet in a preview (the engine's marker
 * itself, or an object holding it anywhere), and why a file could not be read, by error code
 * (tests run as root, where no permission error can be staged).
 */

describe("valueFrom sources: identity, unknowns and unreadable files", () => {
  it("a missing source is the same only as a missing one", () => {
    assert.equal(sameSource(undefined, undefined), true);
    assert.equal(sameSource(undefined, { env: "X" }), false);
    assert.equal(sameSource({ command: ["op", "read"] }, undefined), false);
    assert.equal(sameSource({ command: ["op", "read"], timeoutSeconds: 5 }, { command: ["op", "read"] }), true);
  });

  it("unknown: the marker, or an object that holds it; not a text that merely contains it, nor an absent source", () => {
    for (const unknown of [UNKNOWN, { env: UNKNOWN }, { command: ["op", UNKNOWN] }]) assert.equal(isUnknownSource(unknown), true, JSON.stringify(unknown));
    for (const known of [undefined, null, `op://${UNKNOWN}`, { env: "X" }, { file: "./db.txt" }, 7]) assert.equal(isUnknownSource(known), false, String(known));
  });

  it("names why a file cannot be read from the error's code", () => {
    assert.equal(unreadableFileReason("ENOENT"), "does not exist");
    for (const denied of ["EACCES", "EPERM"]) assert.equal(unreadableFileReason(denied), "cannot be read by the provider's process (permission denied)", denied);
    assert.equal(unreadableFileReason("EISDIR"), "is not a regular file");
    assert.equal(unreadableFileReason("EIO"), "cannot be read (EIO)");
    assert.equal(unreadableFileReason(""), "cannot be read ()");
    assert.equal(unreadableFileReason(undefined), "cannot be read (unknown error)");
  });
});
