/*
 * `npm run bench [-- --count N | --thousand] [-- --repositories R,R…] [-- --rounds R] [-- --repeats K] [-- --calibrate]`:
 * the cost of this library beyond the Pulumi engine's own. The same program runs N RepoSecrets
 * ("ours", against the in-process GitHub emulator, write interval 0) and N no-op dynamic
 * resources ("floor", scripts/bench/floor) with the same inputs. Each phase runs ours and the
 * floor back to back, alternating which goes first, for R rounds of K pairs of every phase
 * (schedule.ts). The table gives medians and their ratio, the requests GitHub would have seen,
 * and the provider process's peak memory. Not a test: the machine is shared and timings are
 * noisy, which is why only same-run ratios are reported. The provider plugin ("plugin") runs the
 * same secrets from a Pulumi YAML program in the same rounds, against the same floor.
 *
 * Each shape (N secrets over so many repositories) is a run of its own. By default two: the
 * repositories full (100 secrets each, GitHub's limit) and three times as many repositories,
 * where each repository's first write also fetches its public key.
 *
 * `--calibrate` runs the floor on both sides: every ratio it prints is the bench's own noise
 * on this machine at that time, the resolution against which ours' ratios are read.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator, type GitHubEmulator } from "../../emulator";
import { makeProject, repositoryOf, repositoryPrefix, STACK, type Project, type Shape } from "./project";
import { markdownTable, PHASES, pluginTable, roundsTable, targetsTable, type Phase, type Results, type Sample, type Variant } from "./report";
import { roundSchedule } from "./schedule";

const repositoryRoot = path.resolve(__dirname, "..", "..");
const PER_REPOSITORY = 100; // GitHub's limit of secrets per repository

interface Options {
  count: number;
  /** One run per entry: the count spread over that many repositories. */
  repositories: number[];
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
  const options: Options = { count: 100, repositories: [], rounds: DEFAULT_ROUNDS, repeats: DEFAULT_REPEATS, calibrate: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => Number(argv[++i]);
    if (arg === "--count") options.count = next();
    else if (arg === "--rounds") options.rounds = next();
    else if (arg === "--repeats") options.repeats = next();
    else if (arg === "--thousand") options.count = 1000;
    else if (arg === "--repositories") options.repositories = (argv[++i] ?? "").split(",").map(Number);
    else if (arg === "--calibrate") options.calibrate = true;
    else throw new Error(`unknown argument ${arg}; usage: npm run bench -- [--count N | --thousand] [--repositories R,R…] [--rounds R] [--repeats K] [--calibrate]`);
  }
  if (!Number.isInteger(options.count) || options.count < 1) throw new Error("--count needs a positive integer");
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error("--rounds needs a positive integer");
  if (!Number.isInteger(options.repeats) || options.repeats < 1) throw new Error("--repeats needs a positive integer");
  const full = Math.ceil(options.count / PER_REPOSITORY);
  if (options.repositories.length === 0) options.repositories = [full, 3 * full];
  for (const repositories of options.repositories) {
    if (!Number.isInteger(repositories) || repositories < full || repositories > options.count) {
      throw new Error(`--repositories needs integers from ${full} (${PER_REPOSITORY} secrets each) to ${options.count}`);
    }
  }
  return options;
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
function verify(emulator: GitHubEmulator, phase: Phase, shape: Shape, version: string, variant: Variant): void {
  const { count, repositories } = shape;
  let held = 0;
  for (let r = 0; r < repositories; r++) held += emulator.listSecrets({ app: "actions", owner: "octo-org", repo: `${repositoryPrefix(variant)}${r}` }).length;
  const expected = phase === "destroy" ? 0 : count;
  if (held !== expected) throw new Error(`after ${phase} (${variant}): ${held} secrets on the emulator, expected ${expected}`);
  if (phase !== "destroy") {
    const last = emulator.getSecret({ app: "actions", owner: "octo-org", repo: repositoryOf(shape, count - 1, variant) }, `BENCH_SECRET_${count - 1}`);
    if (last?.value !== `value-${version}-${count - 1}`) throw new Error(`after ${phase} (${variant}): the last secret does not hold version ${version}`);
  }
}

function environmentReport(options: Options): string {
  const cpu = os.cpus();
  const sdk = (JSON.parse(readFileSync(path.join(repositoryRoot, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
  const cli = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
  return [
    `- machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.type()} ${os.release()}`,
    `- Pulumi CLI ${cli}, @pulumi/pulumi ${sdk}, Node ${process.version}`,
    `- ${options.count} repository secrets, ${options.rounds} rounds of ${options.repeats} pairs of each phase, write interval 0 ms`,
    `- command: npm run bench -- --count ${options.count} --repositories ${options.repositories.join(",")} --rounds ${options.rounds} --repeats ${options.repeats}${options.calibrate ? " --calibrate" : ""}`,
    ...(options.calibrate ? ["- calibration: both sides run the floor; the column \"ours\" is a second copy of it, so every ratio is the bench's own noise"] : []),
  ].join("\n");
}

/** One shape's run: its own emulator and pair of projects, every phase for every round. */
async function runShape(shape: Shape, options: Options): Promise<Results> {
  const emulator = await startEmulator({ port: 0 });
  const variants: Variant[] = options.calibrate ? ["ours", "floor"] : ["ours", "floor", "plugin"];
  // The floor writes nothing; ours and the plugin each fill repositories of their own.
  for (let r = 0; r < shape.repositories; r++) for (const prefix of new Set(variants.map(repositoryPrefix))) emulator.addRepository("octo-org", `${prefix}${r}`);
  const projects: Partial<Record<Variant, Project>> = {};
  for (const variant of variants) projects[variant] = await makeProject(variant, emulator, shape, options.calibrate);
  const results = Object.fromEntries(variants.map((v) => [v, Object.fromEntries(PHASES.map((p) => [p, [] as Sample[]]))])) as Results;
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
        // Which side goes first rotates from round to round and from pair to pair.
        const shift = (round + pair) % variants.length;
        const order = [...variants.slice(shift), ...variants.slice(0, shift)];
        if (phase === "create" || phase === "change all") {
          version = `r${round}${phase === "create" ? "a" : "b"}${pair}`;
          for (const project of Object.values(projects)) await project.workspace.setConfig("version", version);
        }
        for (const variant of order) {
          const sample = await runPhase(projects[variant]!, phase, emulator, round);
          results[variant]![phase].push(sample);
          if (variant !== "floor" && !options.calibrate) verify(emulator, phase, shape, version, variant);
          process.stderr.write(`${shape.repositories} repositories, round ${round + 1} ${phase.padEnd(12)} ${variant.padEnd(5)} ${sample.seconds.toFixed(2)} s\n`);
        }
      }
    }
  } finally {
    await emulator.close();
    for (const project of Object.values(projects)) rmSync(project.dir, { recursive: true, force: true });
  }
  return results;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const sections = [environmentReport(options)];
  for (const repositories of options.repositories) {
    const shape = { count: options.count, repositories };
    const results = await runShape(shape, options);
    sections.push(
      `### ${shape.count} secrets over ${repositories} ${repositories === 1 ? "repository" : "repositories"}\n\n${markdownTable(results, shape.count)}\n\n` +
        `Ratio per round:\n\n${roundsTable(results)}\n\n` +
        `Against the targets (set for N = 100), judged by the paired ratio, the median of the pairs' own ratios:\n\n${targetsTable(results)}` +
        (results.plugin ? `\n\nThe provider plugin, from a Pulumi YAML program:\n\n${pluginTable(results, shape.count)}` : ""),
    );
  }
  process.stdout.write(`${sections.join("\n\n")}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
