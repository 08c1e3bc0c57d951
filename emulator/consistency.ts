// Eventual-consistency switches. Right after a secret or variable is created, GETs of it may
// answer 404 for a while (GitHub does this), either for a time window or for a number of GETs.
// Right after an existing one is written, its GET and the lists may show the version before
// the write (GitHub does this too: a replica that has not caught up).

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

export class StaleReads {
  private windowMs = 0;
  /** Bumped to end every open window at once. */
  private generation = 0;

  /** For `ms` (real time) after a write changes an existing item, reads show the previous version. 0 disables. */
  setWindow(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("stale-read window must be a finite, non-negative number");
    this.windowMs = ms;
  }

  /** The replicas catch up: every item reads as it is now. */
  catchUp(): void {
    this.generation += 1;
  }

  reset(): void {
    this.windowMs = 0;
    this.catchUp();
  }

  /** Called before a write changes `record`: keeps the version a lagging replica still shows. */
  beforeWrite(record: ItemRecord): void {
    if (this.windowMs === 0) return;
    // A replica that lags behind one write lags behind the next one too: keep the oldest.
    const previous = this.open(record) ? record.stale!.previous : { ...record, stale: undefined, selectedRepositoryIds: record.selectedRepositoryIds && [...record.selectedRepositoryIds] };
    record.stale = { previous, until: performance.now() + this.windowMs, generation: this.generation };
  }

  /** The version a GET or a list shows now. */
  view<T extends ItemRecord>(record: T): T {
    return this.open(record) ? (record.stale!.previous as T) : record;
  }

  private open(record: ItemRecord): boolean {
    return record.stale !== undefined && record.stale.generation === this.generation && performance.now() < record.stale.until;
  }
}
