// Eventual-consistency switch: right after a secret or variable is created, GETs of it may
// answer 404 for a while (GitHub does this), either for a time window or for a number of GETs.

import { performance } from "node:perf_hooks";
import type { ItemRecord } from "./state";

export class ReadAfterWrite {
  private delayMs = 0;
  private misses = 0;

  /** For `ms` (real time) after a create, GETs of the new item answer 404. 0 disables. */
  setDelay(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("read-after-write delay must be a finite, non-negative number");
    this.delayMs = ms;
  }

  /** The next `count` GETs of a newly created item answer 404. 0 disables. */
  setMisses(count: number): void {
    if (!Number.isInteger(count) || count < 0) throw new Error("read-after-write misses must be a non-negative integer");
    this.misses = count;
  }

  reset(): void {
    this.delayMs = 0;
    this.misses = 0;
  }

  markCreated(record: ItemRecord): void {
    if (this.delayMs > 0) record.hiddenUntil = performance.now() + this.delayMs;
    if (this.misses > 0) record.hiddenGets = this.misses;
  }

  /** Whether a GET of the item should (still) answer 404; counts the GET against the misses. */
  hides(record: ItemRecord): boolean {
    let hidden = false;
    if (record.hiddenGets !== undefined && record.hiddenGets > 0) {
      record.hiddenGets -= 1;
      hidden = true;
    }
    if (record.hiddenUntil !== undefined) {
      if (performance.now() < record.hiddenUntil) hidden = true;
      else record.hiddenUntil = undefined;
    }
    return hidden;
  }
}
