#!/usr/bin/env node
// The `github-secrets-emulator` command: runs the GitHub API emulator until SIGINT/SIGTERM and
// prints one JSON line to stdout: {"url":"…","token":"…","apps":[…]}. Notices go to stderr, so
// that stdout stays that one line for the tools that read it.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { AppSpec, EmulatorOptions, WorldSeed } from "./index";

/** Where the token comes from when --token is not given: unlike a flag, not shown by `ps`. */
const TOKEN_VARIABLE = "GITHUB_EMULATOR_TOKEN";

const FOR_TESTS_ONLY =
  "For tests only: an emulator of GitHub's API, not a replacement for GitHub. It serves plain HTTP (no TLS) on 127.0.0.1, " +
  "keeps everything in memory, and its keys and tokens protect nothing: never put real secrets in it.";

const USAGE = `usage: github-secrets-emulator [options]

${FOR_TESTS_ONLY}

  --port N              port on 127.0.0.1 (default: any free port)
  --token T             the token clients must send; every user of the machine sees it in \`ps\`,
                        so prefer ${TOKEN_VARIABLE} (default: a random ghp_emulator_…)
  --seed FILE           the world, JSON: {"accounts":[{"login","id","type"}],"repositories":[{"owner","name","id","environments"?}],
                        "user":"login","apps"?:[{"id"?,"privateKey"?,"installations"?:[{"id"?,"account","repositories"?,"permissions"?}]}]}
  --no-seed             start with an empty world (only the user octocat)
  --app                 register a GitHub App installed on every repository of the first organization (repeatable)
  --app-key-dir DIR     write each App's private key to DIR/app-<id>.pem (default: the keys are not written)
  --token-lifetime S    installation tokens expire after S seconds (GitHub: 3600)
  --path-prefix P       serve under P, as GitHub Enterprise Server does under /api/v3

environment:
  ${TOKEN_VARIABLE}  the token clients must send, when --token is not given

Prints {"url","token","apps":[{"id","installations":[{"id","account"}],"privateKeyFile"?}]} and serves until interrupted.`;

interface Parsed {
  options: EmulatorOptions;
  keyDir?: string;
  tokenLifetime?: number;
}

function parse(argv: string[]): Parsed {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      token: { type: "string" },
      seed: { type: "string" },
      "no-seed": { type: "boolean" },
      app: { type: "boolean", multiple: true },
      "app-key-dir": { type: "string" },
      "token-lifetime": { type: "string" },
      "path-prefix": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const whole = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} needs a whole number from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  if (values.seed !== undefined && values["no-seed"]) throw new Error("--seed and --no-seed exclude each other");
  const seedFile = values.seed === undefined ? undefined : (JSON.parse(readFileSync(values.seed, "utf8")) as WorldSeed & { apps?: AppSpec[] });
  const organization = seedFile ? seedFile.accounts.find((a) => a.type === "Organization")?.login : values["no-seed"] ? undefined : "octo-org";
  const extraApps: AppSpec[] = (values.app ?? []).map(() => {
    if (!organization) throw new Error("--app installs the App on the first organization, and the world has none");
    return { installations: [{ account: organization }] };
  });
  const { apps: seedApps, ...world } = seedFile ?? {};
  return {
    options: {
      port: whole("port", values.port, 0, 65535) ?? 0,
      token: values.token ?? (process.env[TOKEN_VARIABLE] || undefined),
      seed: seedFile ? (world as WorldSeed) : !values["no-seed"],
      pathPrefix: values["path-prefix"],
      apps: [...(seedApps ?? []), ...extraApps],
    },
    keyDir: values["app-key-dir"],
    tokenLifetime: whole("token-lifetime", values["token-lifetime"], 1, 86400),
  };
}

async function main(): Promise<void> {
  const { options, keyDir, tokenLifetime } = parse(process.argv.slice(2));
  // Required here, not imported: a missing optional peer dependency then throws into main's
  // catch, which prints its one-line message, rather than a stack trace before main runs.
  const { startEmulator } = require("./index") as typeof import("./index");
  process.stderr.write(`github-secrets-emulator: ${FOR_TESTS_ONLY}\n`);
  const emulator = await startEmulator(options);
  if (tokenLifetime !== undefined) emulator.setInstallationTokenLifetime(tokenLifetime);
  if (keyDir) mkdirSync(keyDir, { recursive: true });
  const apps = emulator.apps.map((app) => {
    const privateKeyFile = keyDir ? path.resolve(keyDir, `app-${app.id}.pem`) : undefined;
    if (privateKeyFile) writeFileSync(privateKeyFile, app.privateKey, { mode: 0o600 });
    return { id: app.id, installations: app.installations.map((i) => ({ id: i.id, account: i.account })), ...(privateKeyFile ? { privateKeyFile } : {}) };
  });
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Before the line: a tool may stop the emulator as soon as it has read it.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.stdout.write(`${JSON.stringify({ url: emulator.url, token: emulator.token, apps })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`github-secrets-emulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
