import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { GitHubSecretsError } from "../errors";

/*
 * Runs a `valueFrom: { command }` the way a password manager's CLI expects to be scripted
 * (`op read op://…`, `vault kv get -field=…`, `aws secretsmanager get-secret-value --query
 * SecretString --output text`, `gcloud secrets versions access latest --secret=…`):
 *
 * - no shell: the argv array goes to execve as is, so nothing in it is expanded or quoted;
 * - stdin is closed, and the command runs in a session of its own without a controlling
 *   terminal, so a tool that prompts (a password, a sign-in, "press Enter") gets end-of-file or
 *   cannot open /dev/tty instead of waiting for input nobody will type;
 * - a timeout stops the command and everything it started (its process group);
 * - stdout is the value, with exactly one trailing newline (`\n` or `\r\n`) removed, as CLIs
 *   print one after the value; more than GitHub's 48 KB stops the command;
 * - stderr is read and counted but never shown: a failing lookup may print the value there,
 *   and a shell script run with `set -x` prints every expanded command.
 */

export interface CommandOptions {
  timeoutMs: number;
  /** Output beyond this many bytes stops the command. */
  maxBytes: number;
}

/** The command's stdout, one trailing newline removed; rejects with a message naming no output. */
export function runValueCommand(argv: readonly string[], options: CommandOptions): Promise<Buffer> {
  const [file, ...args] = argv as [string, ...string[]];
  const shown = JSON.stringify(argv);
  // Stryker disable next-line ConditionalExpression,StringLiteral: the platform is fixed where tests run (not Windows)
  const separateGroup = process.platform !== "win32";
  return new Promise((resolve, reject) => {
    const failed = (reason: string) => reject(new GitHubSecretsError(`\`valueFrom\` command ${shown} ${reason}`));
    // stdout and stderr are null when the pipes could not be created (see the "error" listener).
    let child: ChildProcessByStdio<null, Readable | null, Readable | null>;
    try {
      child = spawn(file, args, {
        shell: false,
        stdio: ["ignore", "pipe", "pipe"],
        env: process.env,
        detached: separateGroup,
        // Stryker disable next-line BooleanLiteral: no console window exists off Windows, where these tests run
        windowsHide: true,
      });
    } catch (error) {
      // Some failures (an argument list too long: E2BIG) are thrown by spawn itself.
      failed(`could not be started (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return;
    }
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let stopped: "timeout" | "too-large" | undefined;
    const stop = (why: "timeout" | "too-large") => {
      stopped ??= why;
      try {
        // The whole group: a wrapper script's children must not outlive it.
        // Stryker disable next-line ConditionalExpression,LogicalOperator: a started child always has a pid off Windows; the catch covers the rest
        if (separateGroup && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        else
          // Stryker disable next-line StringLiteral: Windows only (a started child always has a pid elsewhere)
          child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => stop("timeout"), options.timeoutMs);
    // Before the streams: a spawn that fails for want of file descriptors (EMFILE) returns a
    // child without stdout and stderr and reports the failure on this event only.
    child.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === "ENOENT") {
        failed(`could not be started: "${file}" was not found on the PATH of the provider's process (the PATH \`pulumi\` was started with); install it or give its absolute path`);
      } else if (error.code === "EACCES") {
        failed(`could not be started: "${file}" is not executable (permission denied)`);
      } else {
        failed(`could not be started (${error.code ?? error.message})`);
      }
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxBytes) stop("too-large");
      else stdout.push(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => (stderrBytes += chunk.length));
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const stderrNote = stderrBytes > 0
        ? `; it wrote ${stderrBytes} bytes to stderr, not shown because they could contain the value: run the command in a terminal to see them`
        : "";
      if (stopped === "timeout") {
        failed(
          `did not finish within ${options.timeoutMs / 1000} s and was stopped. It gets no input (stdin is closed, there is no terminal), so a command waiting for a password or a sign-in waits forever: sign in first (e.g. \`op signin\`, \`vault login\`, \`aws sso login\`, \`gcloud auth login\`) or use a non-interactive credential (e.g. OP_SERVICE_ACCOUNT_TOKEN, VAULT_TOKEN), or raise \`timeoutSeconds\`${stderrNote}`,
        );
      } else if (stopped === "too-large") {
        failed(`printed more than GitHub allows for a value (48 KB) and was stopped`);
      } else if (signal) {
        failed(`was killed by ${signal}${stderrNote}`);
      } else if (code !== 0) {
        failed(`exited with status ${code}${stderrNote}`);
      } else {
        resolve(withoutTrailingNewline(Buffer.concat(stdout)));
      }
    });
  });
}

/** Removes exactly one trailing `\n` or `\r\n`: the newline CLIs print after a value. */
export function withoutTrailingNewline(output: Buffer): Buffer {
  const n = output.length;
  // Stryker disable next-line ConditionalExpression: below 2 bytes output[n - 2] is undefined, so the length test decides nothing
  if (n >= 2 && output[n - 2] === 0x0d && output[n - 1] === 0x0a) return output.subarray(0, n - 2);
  // Stryker disable next-line ConditionalExpression: an empty buffer's output[-1] is undefined, so the length test decides nothing
  if (n >= 1 && output[n - 1] === 0x0a) return output.subarray(0, n - 1);
  return output;
}
