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
 * - a timeout bounds the whole read: it stops the command and everything in its process group,
 *   and stops reading, even when a process that left the group (`setsid cmd &`) still holds
 *   stdout open after the command exited: the read ends when the pipes close, not at exit;
 * - the environment is the one `command-environment.ts` makes: the provider's, without the
 *   credentials the provider and the engine hold;
 * - stdout is the value, with exactly one trailing newline (`\n` or `\r\n`) removed, as CLIs
 *   print one after the value; more than GitHub's 48 KB stops the command;
 * - stderr is read and counted but never shown: a failing lookup may print the value there,
 *   and a shell script run with `set -x` prints every expanded command.
 */

export interface CommandOptions {
  timeoutMs: number;
  /** Output beyond this many bytes stops the command. */
  maxBytes: number;
  /** The command's whole environment. */
  env: NodeJS.ProcessEnv;
}

/** The command's stdout, one trailing newline removed; rejects with a message naming no output. */
export function runValueCommand(argv: readonly string[], options: CommandOptions): Promise<Buffer> {
  const [file, ...args] = argv as [string, ...string[]];
  const shown = JSON.stringify(argv);
  // Stryker disable next-line ConditionalExpression,StringLiteral: tests run off Windows; `false` is the EqualityOperator mutant, which a test kills
  const separateGroup = process.platform !== "win32";
  return new Promise((resolve, reject) => {
    // A promise settles once: a failure after another (the "close" of a stopped command) is ignored.
    const failed = (reason: string) => reject(new GitHubSecretsError(`\`valueFrom\` command ${shown} ${reason}`));
    // stdout and stderr are null when the pipes could not be created (see the "error" listener).
    let child: ChildProcessByStdio<null, Readable | null, Readable | null>;
    try {
      child = spawn(file, args, {
        shell: false,
        stdio: ["ignore", "pipe", "pipe"],
        env: options.env,
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
    let exited = false;
    const stderrNote = () =>
      stderrBytes > 0 ? `; it wrote ${stderrBytes} bytes to stderr, not shown because they could contain the value: run the command in a terminal to see them` : "";
    /** Kills the group and stops reading: "close" waits for every holder of the pipes, which a process outside the group can keep open forever. */
    const stop = (reason: string) => {
      clearTimeout(timer);
      try {
        // The whole group (a negative pid): a wrapper script's children must not outlive it.
        // A started child has a pid; the catch covers the rest. Windows has no process groups.
        separateGroup
          ? process.kill(-child.pid!, "SIGKILL")
          : // Stryker disable next-line CallExpression,StringLiteral: Windows only
            child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
      // Only a child with pipes is stopped: its output or the timer, which an "error" clears.
      // Stryker disable next-line OptionalChaining: stdout is there whenever stop runs
      child.stdout?.destroy();
      // Stryker disable next-line OptionalChaining: stderr is there whenever stop runs
      child.stderr?.destroy();
      failed(reason);
    };
    const timer = setTimeout(
      () =>
        stop(
          exited
            ? `exited, but a process it started still held its stdout or stderr open after ${options.timeoutMs / 1000} s (\`timeoutSeconds\`), so the read was stopped: a background process it leaves behind must not inherit them (redirect its output, e.g. \`> /dev/null 2>&1\`)${stderrNote()}`
            : `did not finish within ${options.timeoutMs / 1000} s and was stopped. It gets no input (stdin is closed, there is no terminal), so a command waiting for a password or a sign-in waits forever: sign in first (e.g. \`op signin\`, \`vault login\`, \`aws sso login\`, \`gcloud auth login\`) or use a non-interactive credential (e.g. OP_SERVICE_ACCOUNT_TOKEN, VAULT_TOKEN), or raise \`timeoutSeconds\`${stderrNote()}`,
        ),
      options.timeoutMs,
    );
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
      if (stdoutBytes > options.maxBytes) stop("printed more than GitHub allows for a value (48 KB) and was stopped");
      else stdout.push(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => (stderrBytes += chunk.length));
    child.once("exit", () => (exited = true));
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (signal) {
        failed(`was killed by ${signal}${stderrNote()}`);
      } else if (code !== 0) {
        failed(`exited with status ${code}${stderrNote()}`);
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
