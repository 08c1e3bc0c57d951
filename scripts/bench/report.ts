/** Medians, ratios and the markdown table the benchmark prints. */

export const PHASES = ["create", "preview", "no-change up", "refresh", "change all", "destroy"] as const;
export type Phase = (typeof PHASES)[number];
/** The dynamic resources ("ours"), the no-op floor, and the provider plugin from a Pulumi YAML program. */
export type Variant = "ours" | "floor" | "plugin";

export interface Sample {
  /** The round it ran in, from 0; a repeated phase has several samples a round. */
  round: number;
  seconds: number;
  /** Peak RSS of the dynamic-provider process, bytes. */
  peakRss: number;
  /** Requests the emulator answered during the phase, by method. */
  requests: Record<string, number>;
}

export type Results = Record<"ours" | "floor", Record<Phase, Sample[]>> & { plugin?: Record<Phase, Sample[]> };

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function requestsCell(samples: readonly Sample[], count: number): string {
  // Requests are the same in every round unless something retried: report the median per method.
  const methods = [...new Set(samples.flatMap((s) => Object.keys(s.requests)))].sort();
  if (methods.length === 0) return "0";
  const parts = methods.map((m) => `${m} ${median(samples.map((s) => s.requests[m] ?? 0))}`);
  const total = median(samples.map((s) => Object.values(s.requests).reduce((a, b) => a + b, 0)));
  return `${parts.join(", ")} (${(total / count).toFixed(2)}/secret)`;
}

export function markdownTable(results: Results, count: number): string {
  const lines = [
    "| phase | ours (s) | floor (s) | ours / floor | paired | requests (ours) | peak RSS ours | peak RSS floor |",
    "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
  ];
  for (const phase of PHASES) {
    const ours = results.ours[phase];
    const floor = results.floor[phase];
    const o = median(ours.map((s) => s.seconds));
    const f = median(floor.map((s) => s.seconds));
    lines.push(
      `| ${phase} | ${o.toFixed(2)} | ${f.toFixed(2)} | ${(o / f).toFixed(2)}× | ${pairedRatio(results, phase).toFixed(2)}× | ${requestsCell(ours, count)} | ` +
        `${mb(median(ours.map((s) => s.peakRss)))} | ${mb(median(floor.map((s) => s.peakRss)))} |`,
    );
  }
  return lines.join("\n");
}

/**
 * The median of the pairs' own ratios. Each pair runs ours and the floor back to back (in
 * alternating order), so its ratio compares the two under the same load; the ratio of the
 * two medians can pair ours' median run with a different run of the floor's, which a machine
 * whose speed drifts during the run (caches warming, a neighbour's load) skews. The n-th sample
 * of ours and the n-th of the floor are a pair: the bench records both sides of each.
 */
export function pairedRatio(results: Results, phase: Phase, side: "ours" | "plugin" = "ours", base: "ours" | "floor" = "floor"): number {
  const samples = results[side]![phase];
  return median(samples.map((s, i) => s.seconds / results[base][phase][i]!.seconds));
}

/**
 * The plugin's path beside the floor and the dynamic resources: the same phases, each run in
 * the same pairs (triples) as the other two. It must be no slower than the dynamic resources;
 * judged by the paired ratio to them, within the bench's resolution (the calibration's spread of
 * paired ratios, 0.98–1.04).
 */
export function pluginTable(results: Results, count: number): string {
  const plugin = results.plugin;
  if (!plugin) return "";
  const lines = [
    "| phase | plugin (s) | plugin / floor, paired | plugin / ours, paired | requests (plugin) | peak RSS plugin | no slower than ours |",
    "| --- | ---: | ---: | ---: | --- | ---: | --- |",
  ];
  for (const phase of PHASES) {
    const toOurs = pairedRatio(results, phase, "plugin", "ours");
    lines.push(
      `| ${phase} | ${median(plugin[phase].map((s) => s.seconds)).toFixed(2)} | ${pairedRatio(results, phase, "plugin").toFixed(2)}× | ${toOurs.toFixed(2)}× | ` +
        `${requestsCell(plugin[phase], count)} | ${mb(median(plugin[phase].map((s) => s.peakRss)))} | ${toOurs <= PLUGIN_RESOLUTION ? "yes" : "no"} |`,
    );
  }
  return lines.join("\n");
}

/** The widest paired ratio of the floor against itself in the calibration: below it, two paths cannot be told apart. */
export const PLUGIN_RESOLUTION = 1.04;

/** issue #8's targets at N = 100: the ratio to the floor, at most. */
export const TARGETS: Record<Phase, number> = {
  create: 1.15,
  preview: 1.05,
  "no-change up": 1.05,
  refresh: 1.1,
  "change all": 1.15,
  destroy: 1.15,
};

/**
 * Each phase against its target, judged by the paired ratio. In a calibration (`--calibrate`:
 * the floor against a copy of itself, 7 rounds, docs/benchmarks.md 2026-12-03) the paired
 * ratios stayed within 0.98–1.04 while the ratios of the medians spread from 0.91 to 1.09,
 * wider than the tightest targets' margin of 0.05: only the paired ratio resolves them. The
 * ratio of the medians is printed beside it.
 */
export function targetsTable(results: Results): string {
  const lines = ["| phase | target | paired | ours / floor | |", "| --- | ---: | ---: | ---: | --- |"];
  for (const phase of PHASES) {
    const ofMedians = median(results.ours[phase].map((s) => s.seconds)) / median(results.floor[phase].map((s) => s.seconds));
    const paired = pairedRatio(results, phase);
    const target = TARGETS[phase];
    lines.push(`| ${phase} | ≤ ${target.toFixed(2)} | ${paired.toFixed(2)}× | ${ofMedians.toFixed(2)}× | ${paired <= target ? "met" : "not met"} |`);
  }
  return lines.join("\n");
}

/** Each pair's ratio, by round, to show the spread behind the medians. */
export function roundsTable(results: Results): string {
  const rounds = Math.max(0, ...PHASES.flatMap((phase) => results.ours[phase].map((s) => s.round + 1)));
  const lines = [
    `| phase | ${Array.from({ length: rounds }, (_, i) => `round ${i + 1}`).join(" | ")} |`,
    `| --- | ${Array.from({ length: rounds }, () => "---:").join(" | ")} |`,
  ];
  for (const phase of PHASES) {
    const cells = Array.from({ length: rounds }, () => [] as string[]);
    results.ours[phase].forEach((s, i) => cells[s.round]!.push(`${(s.seconds / results.floor[phase][i]!.seconds).toFixed(2)}×`));
    lines.push(`| ${phase} | ${cells.map((ratios) => ratios.join(" ")).join(" | ")} |`);
  }
  return lines.join("\n");
}
