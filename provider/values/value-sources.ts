import { constants } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import type { Deployment } from "../deployment/deployment";
import { GitHubSecretsError } from "../errors";
import { commandEnvironment } from "./command-environment";
import { runValueCommand } from "./source-command";
import type { ValueSource } from "../types";
import { UNKNOWN } from "../lifecycle/engine-values";
import { MAX_VALUE_BYTES } from "./value-rules";

/*
 * `valueFrom`: a secret's value read in the provider's process, never an input or output
 * of the engine. The provider's process is started by the Pulumi CLI, so it reads:
 *   - the environment `pulumi` was started with (measured with CLI v3.259: a variable set
 *     for `pulumi up` is visible here, for preview, up and refresh alike);
 *   - files relative to the program's directory: the project directory holding Pulumi.yaml,
 *     or the directory `main:` names in it (the provider process's working directory). Not the
 *     directory `pulumi` was run from: `pulumi -C project up` from elsewhere reads the same
 *     files. Symbolic links are followed, as mounted secrets (Kubernetes, Docker) are links.
 * Failures name the source and what is wrong with it, never a value.
 */

/** Commands that do not finish in this time are stopped. */
export const DEFAULT_COMMAND_TIMEOUT_SECONDS = 30;

/** "env DB_PASSWORD", "file ./db.txt", "command [\"op\",\"read\",…]": no value, ever. */
export function describeSource(source: ValueSource): string {
  if ("env" in source) return `env ${source.env}`;
  if ("file" in source) return `file ${JSON.stringify(source.file)}`;
  return `command ${JSON.stringify(source.command)}`;
}

/** The same source (the timeout and the variables passed are how, not where: they do not count; the fingerprint tells a changed value). */
export function sameSource(a: ValueSource | undefined, b: ValueSource | undefined): boolean {
  // Stryker disable next-line StringLiteral: describeSource's text starts with "env ", "file " or "command ", so no other text for a missing source can equal it
  const where = (s: ValueSource | undefined) => (s === undefined ? "" : describeSource(s));
  return where(a) === where(b);
}

/** True when the engine has not resolved some part of the source yet (a preview). */
export function isUnknownSource(source: unknown): boolean {
  return (
    source === UNKNOWN ||
    (typeof source === "object" &&
      // Stryker disable next-line ConditionalExpression: without it null reaches JSON.stringify, whose "null" holds no marker either
      source !== null &&
      JSON.stringify(source).includes(UNKNOWN))
  );
}

/**
 * The value the source yields now; rejects with a message naming the source, never a value.
 * Each source is read at most once per deployment, i.e. once per phase of a Pulumi command
 * (the preview and the update of `pulumi up` are separate processes): resources sharing a
 * source share one read (one `op read`), and what diff compared is what update writes. The
 * plaintext stays in the provider process's memory only.
 */
export function readSource(deployment: Deployment, source: ValueSource): Promise<string> {
  const key = "file" in source ? `file ${path.resolve(source.file)}` : "env" in source ? describeSource(source) : commandReadKey(source);
  return deployment.sourceReads.get(key, () => readOnce(deployment, source));
}

/** A command given other variables may print another value: another read. Their order and repeats do not count. */
function commandReadKey(source: Extract<ValueSource, { command: string[] }>): string {
  return `${describeSource(source)} passing ${JSON.stringify([...new Set(source.passEnvironment)].sort())}`;
}

async function readOnce(deployment: Deployment, source: ValueSource): Promise<string> {
  const bytes = "env" in source ? fromEnvironment(source.env) : "file" in source ? await fromFile(source.file) : await fromCommand(deployment, source);
  const problem =
    bytes.length === 0
      ? "gave an empty value; an empty secret is almost always a failed lookup"
      : bytes.length > MAX_VALUE_BYTES
        ? `gave more than ${MAX_VALUE_BYTES} bytes; GitHub allows at most 48 KB per value`
        : !isUtf8(bytes)
          ? "gave bytes that are not UTF-8 text; GitHub stores text, so base64-encode binary values"
          : undefined;
  if (problem) throw new GitHubSecretsError(`\`valueFrom\` ${describeSource(source)} ${problem}`);
  return bytes.toString("utf8");
}

function fromEnvironment(name: string): Buffer {
  const value = process.env[name];
  if (value === undefined) {
    throw new GitHubSecretsError(
      `\`valueFrom\` env ${name}: the environment variable is not set in the provider's process, which has the environment \`pulumi\` was started with`,
    );
  }
  // Stryker disable next-line StringLiteral: Buffer.from reads an empty encoding name as UTF-8
  return Buffer.from(value, "utf8");
}

async function fromFile(file: string): Promise<Buffer> {
  const resolved = path.resolve(file);
  const where = `\`valueFrom\` file ${JSON.stringify(file)}${resolved === file ? "" : ` (${resolved}, relative to the program's directory)`}`;
  try {
    // Non-blocking, so that opening a FIFO with no writer returns at once (open(2)); what is
    // not a regular file is refused from the open handle, so the check is about what is read.
    const handle = await open(resolved, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      // Stryker disable next-line StringLiteral: the message is replaced by the reason below
      if (!(await handle.stat()).isFile()) throw Object.assign(new Error("not a regular file"), { code: "EISDIR" });
      return await readUpTo(handle, MAX_VALUE_BYTES + 1);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new GitHubSecretsError(`${where} ${unreadableFileReason((error as NodeJS.ErrnoException).code)}`);
  }
}

/**
 * Reads to the end of the file or `limit` bytes, whichever comes first. Not by the size fstat
 * gives: procfs and sysfs files are regular files of size 0 that have contents, and a read of
 * one may return a page at a time (exported for a test of that: a test's files come whole).
 * Once the buffer is full, the next read asks for 0 bytes and returns 0.
 */
export async function readUpTo(handle: Pick<Awaited<ReturnType<typeof open>>, "read">, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(limit);
  let filled = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, filled, limit - filled, null);
    if (bytesRead === 0) return buffer.subarray(0, filled);
    filled += bytesRead;
  }
}

/** Why a file could not be read, from the error's code (a permission error cannot be staged in tests run as root). */
export function unreadableFileReason(code: string | undefined): string {
  return code === "ENOENT" ? "does not exist"
    : code === "EACCES" || code === "EPERM" ? "cannot be read by the provider's process (permission denied)"
    : code === "EISDIR" ? "is not a regular file"
    : `cannot be read (${code ?? "unknown error"})`;
}

function fromCommand(deployment: Deployment, source: Extract<ValueSource, { command: string[] }>): Promise<Buffer> {
  const { token, app } = deployment.configuration;
  return runValueCommand(source.command, {
    timeoutMs: (source.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_SECONDS) * 1000,
    // The value plus the newline that is removed.
    maxBytes: MAX_VALUE_BYTES + 2,
    env: commandEnvironment(process.env, [token, app?.privateKey, ...deployment.installationTokens], source.passEnvironment),
  });
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  }
  // Stryker disable next-line BlockStatement: an empty catch returns undefined, as falsy as false
  catch {
    return false;
  }
}
