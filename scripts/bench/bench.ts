/*
 * `npm run bench [-- --count N | --thousand] [-- --rounds R] [-- --repeats K] [-- --calibrate]`:
 * the cost of this library beyond the Pulumi engine's own. The same program runs N RepoSecrets
 * ("ours", against the in-process GitHub emulator, write interval 0) and N no-op dynamic
 * resources ("floor", scripts/bench/floor) with the same inputs. Each phase runs ours and the
 * floor back to back, alternating which goes first, for R rounds of K pairs of every phase
 * (schedule.ts). The table gives medians and their ratio, the requests GitHub would have seen,
 * and the provider process's peak memory. Not a test: the machine is shared and timings are
 * noisy, which is why only same-run ratios are reported.
 *
 * `--calibrate` runs the floor on both sides: every ratio it prints is the bench's own noise
 * on this machine at that time, the resolution against which ours' ratios are read.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator, type GitHubEmulator } from "../../emulator";
import { PulumiWorkspace } from "../lib/pulumi-cli";
import { ProviderMemorySampler } from "./process-memory";
import { markdownTable, PHASES, roundsTable, targetsTable, type Phase, type Results, type Sample, type Variant } from "./report";
import { roundSchedule } from "./schedule";

const repositoryRoot = path.resolve(__dirname, "..", "..");
const STACK = "bench";
const PER_REPOSITORY = 100; // GitHub's limit of secrets per repository

interface Options {
  count: number;
  rounds: number;
  /** Pairs per round of each phase (schedule.ts). */
  repeats: number;
  /** Both sides run the floor (the bench's resolution). */
  calibrate: boolean;
}

/**
 * Seven rounds: on this 2-core machine a phase's round-to-round ratio moves by about ±0.1
 * (docs/benchmarks.md, the calibration of 2026-12-03); the median of seven is steadier than
 * that of three by about the square root of their ratio.
 */
const DEFAULT_ROUNDS = 7;

/** Three pairs a round: with seven rounds, 21 samples of every phase. */
const DEFAULT_REPEATS = 3;

function parseOptions(argv: string[]): Options {
  const options: Options = { count: 100, rounds: DEFAULT_ROUNDS, repeats: DEFAULT_REPEATS, calibrate: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => Number(argv[++i]);
    if (arg === "--count") options.count = next();
    else if (arg === "--rounds") options.rounds = next();
    else if (arg === "--repeats") options.repeats = next();
    else if (arg === "--thousand") options.count = 1000;
    else if (arg === "--calibrate") options.calibrate = true;
    else throw new Error(`unknown argument ${arg}; usage: npm run bench -- [--count N | --thousand] [--rounds R] [--repeats K] [--calibrate]`);
  }
  if (!Number.isInteger(options.count) || options.count < 1) throw new Error("--count needs a positive integer");
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error("--rounds needs a positive integer");
  if (!Number.isInteger(options.repeats) || options.repeats < 1) throw new Error("--repeats needs a positive integer");
  return options;
}

interface Project {
  variant: Variant;
  dir: string;
  workspace: PulumiWorkspace;
  memory: ProviderMemorySampler;
}

/**
 * A Pulumi project in a temporary directory, with the packages installed as a user's project
 * has them: ours (package.json and the files of dist/provider that npm packs) and the floor
 * copied into its node_modules, so that the serializer sees them under node_modules and writes
 * each provider as a `require` by package name; every other dependency linked to this
 * repository's node_modules.
 */
async function makeProject(variant: Variant, emulator: GitHubEmulator, options: Options): Promise<Project> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `github-secrets-bench-${variant}-`));
  const modules = path.join(dir, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(repositoryRoot, "node_modules"))) {
    if (entry !== "pulumi-github-secrets") symlinkSync(path.join(repositoryRoot, "node_modules", entry), path.join(modules, entry));
  }
  const ours = path.join(modules, "pulumi-github-secrets");
  mkdirSync(ours);
  copyFileSync(path.join(repositoryRoot, "package.json"), path.join(ours, "package.json"));
  for (const file of packagedProviderFiles()) {
    mkdirSync(path.dirname(path.join(ours, file)), { recursive: true });
    copyFileSync(path.join(repositoryRoot, file), path.join(ours, file));
  }
  cpSync(path.join(__dirname, "floor"), path.join(modules, "bench-floor"), { recursive: true });
  copyFileSync(path.join(__dirname, "program", "index.js"), path.join(dir, "index.js"));
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: github-secrets-bench\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n");
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "github-secrets-bench", private: true }));
  const workspace = new PulumiWorkspace({ projectDir: dir, stateDir: path.join(dir, ".state"), passphrase: "bench" });
  await workspace.run(["stack", "init", STACK]);
  await workspace.setConfig("github:token", emulator.token, { secret: true });
  await workspace.setConfig("github:baseUrl", emulator.url);
  await workspace.setConfig("github:owner", "octo-org");
  await workspace.setConfig("githubSecrets:writeIntervalMs", "0");
  await workspace.setConfig("count", String(options.count));
  await workspace.setConfig("variant", options.calibrate ? "floor" : variant);
  return { variant, dir, workspace, memory: new ProviderMemorySampler(workspace.homeDir) };
}

/**
 * The files of dist/provider that `npm pack` puts in the package (package.json `files`): a
 * user's install has no source maps, which the program would otherwise read to place every
 * resource's stack trace.
 */
function packagedProviderFiles(): string[] {
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: repositoryRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as [{ files: Array<{ path: string }> }];
  return pack.files.map((file) => file.path).filter((file) => file.startsWith("dist/provider/"));
}

const COMMANDS: Record<Phase, string[]> = {
  create: ["up", "--yes", "--skip-preview"],
  preview: ["preview", "--expect-no-changes"],
  "no-change up": ["up", "--yes", "--skip-preview", "--expect-no-changes"],
  refresh: ["refresh", "--yes", "--skip-preview"],
  "change all": ["up", "--yes", "--skip-preview"],
  destroy: ["destroy", "--yes", "--skip-preview"],
};

async function runPhase(project: Project, phase: Phase, emulator: GitHubEmulator, round: number): Promise<Sample> {
  emulator.clearRequests();
  project.memory.start();
  const started = performance.now();
  await project.workspace.run([...COMMANDS[phase], "--stack", STACK]);
  const seconds = (performance.now() - started) / 1000;
  const peakRss = project.memory.stop();
  const requests: Record<string, number> = {};
  for (const request of emulator.requests) requests[request.method] = (requests[request.method] ?? 0) + 1;
  return { round, seconds, peakRss, requests };
}

/** What GitHub holds after a phase of ours must be what the program declared. */
function verify(emulator: GitHubEmulator, phase: Phase, count: number, version: string): void {
  const repositories = Math.ceil(count / PER_REPOSITORY);
  let held = 0;
  for (let r = 0; r < repositories; r++) held += emulator.listSecrets({ app: "actions", owner: "octo-org", repo: `bench-${r}` }).length;
  const expected = phase === "destroy" ? 0 : count;
  if (held !== expected) throw new Error(`after ${phase}: ${held} secrets on the emulator, expected ${expected}`);
  if (phase !== "destroy") {
    const last = emulator.getSecret({ app: "actions", owner: "octo-org", repo: `bench-${repositories - 1}` }, `BENCH_SECRET_${count - 1}`);
    if (last?.value !== `value-${version}-${count - 1}`) throw new Error(`after ${phase}: the last secret does not hold version ${version}`);
  }
}

function environmentReport(options: Options): string {
  const cpu = os.cpus();
  const sdk = (JSON.parse(readFileSync(path.join(repositoryRoot, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
  const cli = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
  return [
    `- machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.type()} ${os.release()}`,
    `- Pulumi CLI ${cli}, @pulumi/pulumi ${sdk}, Node ${process.version}`,
    `- ${options.count} repository secrets over ${Math.ceil(options.count / PER_REPOSITORY)} repositories, ${options.rounds} rounds of ${options.repeats} pairs of each phase, write interval 0 ms`,
    `- command: npm run bench -- --count ${options.count} --rounds ${options.rounds} --repeats ${options.repeats}${options.calibrate ? " --calibrate" : ""}`,
    ...(options.calibrate ? ["- calibration: both sides run the floor; the column \"ours\" is a second copy of it, so every ratio is the bench's own noise"] : []),
  ].join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const emulator = await startEmulator({ port: 0 });
  for (let r = 0; r < Math.ceil(options.count / PER_REPOSITORY); r++) emulator.addRepository("octo-org", `bench-${r}`);
  const projects = { ours: await makeProject("ours", emulator, options), floor: await makeProject("floor", emulator, options) };
  const results = Object.fromEntries(
    (["ours", "floor"] as const).map((v) => [v, Object.fromEntries(PHASES.map((p) => [p, [] as Sample[]]))]),
  ) as Results;
  try {
    // Untimed, one preview each: whichever command ran first on this machine paid for reading
    // the CLI, the language host, Node and the SDK from disk, and round 1 always ran ours first.
    for (const project of Object.values(projects)) {
      await project.workspace.setConfig("version", "warm-up");
      await project.workspace.run(["preview", "--stack", STACK]);
    }
    for (let round = 0; round < options.rounds; round++) {
      let version = "";
      for (const { phase, pair } of roundSchedule(options.repeats)) {
        // Which side goes first alternates from round to round and from pair to pair.
        const order: Variant[] = (round + pair) % 2 === 0 ? ["ours", "floor"] : ["floor", "ours"];
        if (phase === "create" || phase === "change all") {
          version = `r${round}${phase === "create" ? "a" : "b"}${pair}`;
          for (const project of Object.values(projects)) await project.workspace.setConfig("version", version);
        }
        for (const variant of order) {
          const sample = await runPhase(projects[variant], phase, emulator, round);
          results[variant][phase].push(sample);
          if (variant === "ours" && !options.calibrate) verify(emulator, phase, options.count, version);
          process.stderr.write(`round ${round + 1} ${phase.padEnd(12)} ${variant.padEnd(5)} ${sample.seconds.toFixed(2)} s\n`);
        }
      }
    }
  } finally {
    await emulator.close();
    for (const project of Object.values(projects)) rmSync(project.dir, { recursive: true, force: true });
  }
  process.stdout.write(`${environmentReport(options)}\n\n${markdownTable(results, options.count)}\n\nRatio per round:\n\n${roundsTable(results)}\n\nAgainst the targets (set for N = 100), judged by the paired ratio, the median of the pairs' own ratios:\n\n${targetsTable(results)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
