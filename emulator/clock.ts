// The emulator's injectable clock.
//
// GitHub stamps created_at/updated_at with second precision. So that `updated_at` strictly
// increases across writes even within one real second (tests rely on the ordering), every
// mutation is stamped at least one second after the previous stamp.

import type { EmulatorClock } from "./types";

export class Clock implements EmulatorClock {
  private frozenAt: number | undefined;
  private offsetMs = 0;
  private lastStamp: number | undefined;

  /** Current time: real time (plus offset) or the frozen instant, never before the last stamp. */
  now(): Date {
    return new Date(Math.max(this.base(), this.lastStamp ?? -Infinity));
  }

  /** Current time in epoch ms without the stamp floor: real time (plus offset) or the frozen instant. Tokens expire by it. */
  realNow(): number {
    return this.base();
  }

  /** Freezes the clock at `d`; the next stamp is `d` (rounded down to the second). */
  set(d: Date): void {
    const t = d.getTime();
    if (!Number.isFinite(t)) throw new Error("clock.set: invalid date");
    this.frozenAt = t;
    this.lastStamp = undefined;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("clock.advance: ms must be a finite, non-negative number");
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Back to the real, running clock. */
  reset(): void {
    this.frozenAt = undefined;
    this.offsetMs = 0;
    this.lastStamp = undefined;
  }

  /**
   * The `Date` header of a response sent now, from this clock (so it agrees with the
   * `updated_at` stamps). After a write's response, later writes are stamped after its Date,
   * as they are on GitHub once a second has passed: a client may take the Date of its write's
   * response as the time of its write.
   */
  responseDate(afterWrite: boolean): string {
    const t = Math.floor(this.now().getTime() / 1000) * 1000;
    if (afterWrite) this.lastStamp = Math.max(this.lastStamp ?? -Infinity, t);
    return new Date(t).toUTCString();
  }

  /** The timestamp (epoch ms, whole seconds) for a mutation happening now. */
  stamp(): number {
    const current = Math.floor(this.base() / 1000) * 1000;
    const t = this.lastStamp === undefined ? current : Math.max(current, this.lastStamp + 1000);
    this.lastStamp = t;
    return t;
  }

  private base(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }
}

/** GitHub's timestamp format: "2026-11-24T10:00:00Z". */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}
