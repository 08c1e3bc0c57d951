// Runs the GitHub emulator standalone: `npx tsx emulator/cli.ts [--port N] [--token T] [--no-seed]`.
// Prints one JSON line {"url":"…","token":"…"} to stdout and serves until SIGINT/SIGTERM.

import { startEmulator } from "./index";

function parseArgs(argv: string[]): { port?: number; token?: string; seed: boolean } {
  const out: { port?: number; token?: string; seed: boolean } = { seed: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--port") {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--port needs a port number");
      out.port = port;
    } else if (a === "--token") out.token = value();
    else if (a === "--no-seed") out.seed = false;
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: cli.ts [--port N] [--token T] [--no-seed]\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify({ url: emulator.url, token: emulator.token })}\n`);
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`github emulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
