import assert from "node:assert/strict";
import { pairedRatio, PHASES, pluginTable, roundsTable, targetsTable, type Results, type Sample } from "../../scripts/bench/report";

/*
 * The benchmark's statistics (scripts/bench/report.ts): the paired ratio compares ours and the
 * floor round by round, so a machine that speeds up during the run does not skew it, and it
 * alone decides whether a target is met: in a calibration of the floor against itself it
 * stayed within 0.04 of 1, the ratio of the medians within 0.09.
 */

/** One sample a round, unless `pairsPerRound` groups consecutive samples into rounds. */
function results(ours: number[], floor: number[], pairsPerRound = 1): Results {
  const sample = (seconds: number, i: number): Sample => ({ round: Math.floor(i / pairsPerRound), seconds, peakRss: 0, requests: {} });
  const of = (times: number[]) => Object.fromEntries(PHASES.map((p) => [p, times.map(sample)])) as Results["ours"];
  return { ours: of(ours), floor: of(floor) };
}

describe("benchmark report: ratios paired round by round decide the targets", () => {
  it("pairs each round's ours with that round's floor", () => {
    // No-change up on 2026-12-02, 5 rounds on a machine that got faster as it ran: the ratio of
    // the medians is 2.81 / 2.49 = 1.13, the rounds' own ratios 1.02, 1.09, 1.13, 1.01, 1.06.
    const run = results([2.99, 2.99, 2.81, 2.47, 2.51], [2.93, 2.74, 2.49, 2.45, 2.37]);
    assert.equal(pairedRatio(run, "no-change up").toFixed(2), "1.06");
    assert.match(targetsTable(run), /\| no-change up \| ≤ 1\.05 \| 1\.06× \| 1\.13× \| not met \|/);
  });

  it("calls a target met by the paired ratio, whatever the ratio of the medians", () => {
    const table = targetsTable(results([1.04, 1.2, 1.0], [1.0, 1.0, 1.0]));
    // preview's target is 1.05: paired 1.04, ratio of medians 1.04: met.
    assert.match(table, /\| preview \| ≤ 1\.05 \| 1\.04× \| 1\.04× \| met \|/);
    const pairedOver = targetsTable(results([1.04, 1.3, 0.9], [1.0, 1.1, 0.8]));
    // paired: 1.04, 1.18, 1.125 → 1.125 (over 1.05); of medians: 1.04 / 1.0 → 1.04 (within)
    assert.match(pairedOver, /\| preview \| ≤ 1\.05 \| 1\.13× \| 1\.04× \| not met \|/);
    const pairedWithin = targetsTable(results([1.0, 1.25, 1.3], [1.0, 1.2, 1.0]));
    // paired: 1.0, 1.04, 1.3 → 1.04 (within 1.05); of medians: 1.25 / 1.0 → 1.25 (over)
    assert.match(pairedWithin, /\| preview \| ≤ 1\.05 \| 1\.04× \| 1\.25× \| met \|/);
    const over = targetsTable(results([1.2, 1.2, 1.2], [1.0, 1.0, 1.0]));
    assert.match(over, /\| destroy \| ≤ 1\.15 \| 1\.20× \| 1\.20× \| not met \|/);
  });

  it("pairs every sample of a repeated phase with the floor's of the same pair, not of the same round", () => {
    // Two rounds of three pairs: ratios 1.0, 1.1, 0.9 | 1.2, 1.0, 1.3 → median of six = 1.05.
    // Pairing each round's first sample alone would give 1.0 and 1.2 → 1.1.
    const run = results([1.0, 2.2, 0.9, 1.2, 1.0, 2.6], [1.0, 2.0, 1.0, 1.0, 1.0, 2.0], 3);
    assert.equal(pairedRatio(run, "refresh").toFixed(2), "1.05");
    assert.match(roundsTable(run), /\| refresh \| 1\.00× 1\.10× 0\.90× \| 1\.20× 1\.00× 1\.30× \|/);
    assert.match(roundsTable(run), /^\| phase \| round 1 \| round 2 \|$/m);
  });

  it("judges the plugin against ours pair by pair, calling it no slower only within the bench's resolution", () => {
    const run = results([1.0, 1.0, 1.0], [1.0, 1.0, 1.0]);
    const sample = (seconds: number, i: number): Sample => ({ round: i, seconds, peakRss: 0, requests: {} });
    const plugin = (times: number[]) => Object.fromEntries(PHASES.map((p) => [p, times.map(sample)])) as Results["ours"];
    // paired to ours: 1.03, 1.2, 0.9 → 1.03 (within 1.04)
    assert.match(pluginTable({ ...run, plugin: plugin([1.03, 1.2, 0.9]) }, 100), /\| create \| 1\.03 \| 1\.03× \| 1\.03× \| 0 \| 0 MB \| yes \|/);
    // paired to ours: 1.05 each → over 1.04
    assert.match(pluginTable({ ...run, plugin: plugin([1.05, 1.05, 1.05]) }, 100), /\| destroy \| 1\.05 \| 1\.05× \| 1\.05× \| 0 \| 0 MB \| no \|/);
    assert.equal(pluginTable(run, 100), "", "no plugin run, no table");
  });
});
