import assert from "node:assert/strict";
import { PHASES } from "../../scripts/bench/report";
import { roundSchedule } from "../../scripts/bench/schedule";

/*
 * The benchmark's round (scripts/bench/schedule.ts): every phase gets K pairs, and each phase
 * runs on the stack it needs: preview, no-change up, refresh and change all on a created stack,
 * create on an empty one, destroy on a created one.
 */

const label = ({ phase, pair }: { phase: string; pair: number }) => `${phase} ${pair}`;

describe("benchmark schedule: K pairs a phase, each on the stack it needs", () => {
  it("runs every phase K times a round, numbering its pairs from 0", () => {
    for (const repeats of [1, 3]) {
      const runs = roundSchedule(repeats);
      for (const phase of PHASES) {
        assert.deepEqual(
          runs.filter((run) => run.phase === phase).map((run) => run.pair),
          Array.from({ length: repeats }, (_, i) => i),
          `${phase} with ${repeats} repeats`,
        );
      }
    }
  });

  it("creates before anything else, destroys after everything that needs the stack, and creates again only after a destroy", () => {
    assert.deepEqual(roundSchedule(2).map(label), [
      "create 0",
      "preview 0",
      "preview 1",
      "no-change up 0",
      "no-change up 1",
      "refresh 0",
      "refresh 1",
      "change all 0",
      "change all 1",
      "destroy 0",
      "create 1",
      "destroy 1",
    ]);
    // Whatever K, the stack alternates: created by a create, emptied by the next destroy.
    let created = false;
    for (const run of roundSchedule(4)) {
      if (run.phase === "create") assert.equal(created, false, `${label(run)} on a created stack`);
      else assert.equal(created, true, `${label(run)} on an empty stack`);
      created = run.phase !== "destroy";
    }
    assert.equal(created, false, "a round ends with the stack destroyed");
  });
});
