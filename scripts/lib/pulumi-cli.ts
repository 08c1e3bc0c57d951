import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

/** A result of one `pulumi` command. */
export interface PulumiRun {
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PulumiWorkspaceOptions {
  /** The directory holding Pulumi.yaml. */
  projectDir: string;
  /** Where state, PULUMI_HOME and logs go. */
  stateDir: string;
  passphrase: string;
  /** Extra environment for every command (e.g. GitHub settings). */
  env?: NodeJS.ProcessEnv;
  /** Echo each command's output while it runs. */
  echo?: boolean;
}

/**
 * Runs the real Pulumi CLI fully offline: a local file backend, a passphrase secrets
 * provider, no update checks and no plugin downloads.
 */
export class PulumiWorkspace {
  constructor(readonly options: PulumiWorkspaceOptions) {
    mkdirSync(this.backendDir, { recursive: true });
    mkdirSync(this.homeDir, { recursive: true });
  }

  get backendDir(): string {
    return path.join(this.options.stateDir, "backend");
  }

  get homeDir(): string {
    return path.join(this.options.stateDir, "home");
  }

  get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${this.backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: this.options.passphrase,
      PULUMI_HOME: this.homeDir,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      NO_COLOR: "1",
      ...this.options.env,
    };
  }

  /** Runs `pulumi …`; rejects on a non-zero exit unless `allowFailure`. */
  async run(args: readonly string[], options: { allowFailure?: boolean; input?: string; quiet?: boolean } = {}): Promise<PulumiRun> {
    const echo = this.options.echo && !options.quiet;
    const fullArgs = [...args, "--non-interactive"];
    const child = spawn("pulumi", fullArgs, { cwd: this.options.projectDir, env: this.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (echo) process.stderr.write(chunk);
    });
    child.stdin.end(options.input ?? "");
    const code = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (c) => resolve(c ?? 1));
    });
    const run = { args: fullArgs, code, stdout, stderr };
    if (code !== 0 && !options.allowFailure) {
      throw new Error(`pulumi ${fullArgs.join(" ")} exited with ${code}\n${stdout}\n${stderr}`);
    }
    return run;
  }

  async selectOrInitStack(stack: string): Promise<void> {
    const selected = await this.run(["stack", "select", stack], { allowFailure: true, quiet: true });
    if (selected.code !== 0) await this.run(["stack", "init", stack]);
  }

  async setConfig(key: string, value: string, options: { secret?: boolean } = {}): Promise<void> {
    // The value goes through standard input so that it never shows in a process list.
    await this.run(["config", "set", key, ...(options.secret ? ["--secret"] : ["--plaintext"])], { input: value });
  }

  /** `pulumi stack export` with secrets left encrypted, as text. */
  async exportState(): Promise<string> {
    return (await this.run(["stack", "export"])).stdout;
  }
}
