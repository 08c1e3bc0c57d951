/** The order of the benchmark's runs within a round. */
import { PHASES, type Phase } from "./report";

/**
 * One round's runs, in order, each a pair (ours and the floor back to back): create; K pairs of
 * each phase that leaves the stack ready to run it again (preview, no-change up and refresh
 * change nothing; change all only needs a new version); destroy; then K − 1 more cycles of
 * create and destroy, which need each other in between. Every extra pair is another sample of
 * the same comparison: single pairs spread by ±0.2 (0.77–1.25 in the calibration), more than
 * the targets' margins of 0.05–0.15.
 */
export function roundSchedule(repeats: number): Array<{ phase: Phase; pair: number }> {
  const pairs = (phase: Phase) => Array.from({ length: repeats }, (_, pair) => ({ phase, pair }));
  const middle = PHASES.filter((phase) => phase !== "create" && phase !== "destroy");
  const cycles = Array.from({ length: repeats - 1 }, (_, i) => [{ phase: "create" as Phase, pair: i + 1 }, { phase: "destroy" as Phase, pair: i + 1 }]).flat();
  return [{ phase: "create", pair: 0 }, ...middle.flatMap(pairs), { phase: "destroy", pair: 0 }, ...cycles];
}
