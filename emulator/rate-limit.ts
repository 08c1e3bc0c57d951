// Rate limits: the informational x-ratelimit-* headers of every response (the primary limit is
// never enforced: inject faults.primaryRateLimit() to simulate it), and optional emulations of
// the secondary rate limits on writes (too many at once, too close together, or too many
// content-creating requests in a window).

import { performance } from "node:perf_hooks";
import { WRITE_METHODS } from "./matchers";
import type { ContentCreationWindow, FaultSpec, SecondaryRateLimitOptions } from "./types";
import { faults } from "./faults";

const LIMIT = 5000;
const WINDOW_SECONDS = 3600;

export class PrimaryRateLimit {
  private used = 0;
  private resetAt = 0;

  /** Counts one request and returns the headers to send with its response. */
  count(): Record<string, string> {
    const nowSec = Math.floor(Date.now() / 1000);
    if (nowSec >= this.resetAt) {
      this.used = 0;
      this.resetAt = nowSec + WINDOW_SECONDS;
    }
    this.used += 1;
    return {
      "x-ratelimit-limit": String(LIMIT),
      "x-ratelimit-remaining": String(Math.max(0, LIMIT - this.used)),
      "x-ratelimit-reset": String(this.resetAt),
      "x-ratelimit-used": String(this.used),
      "x-ratelimit-resource": "core",
    };
  }

  reset(): void {
    this.used = 0;
    this.resetAt = 0;
  }
}

/** github.com's content-creation limits: 80 per minute and 500 per hour. */
export const GITHUB_CONTENT_CREATION_LIMITS: readonly ContentCreationWindow[] = [
  { count: 80, windowMs: 60_000 },
  { count: 500, windowMs: 3_600_000 },
];

/**
 * The content-creation limit: a write beyond `count` in any window is refused with 403,
 * `retry-after` (seconds until the window has room again) and GitHub's wording. Refused
 * writes do not count.
 */
export class ContentCreationLimit {
  private windows: readonly ContentCreationWindow[] = [];
  /** Start times (performance.now()) of the writes admitted, oldest first. */
  private admitted: number[] = [];

  configure(windows: readonly ContentCreationWindow[] | undefined): void {
    for (const w of windows ?? []) {
      if (!Number.isInteger(w.count) || w.count < 1 || !(w.windowMs > 0)) throw new Error(`invalid content-creation window ${JSON.stringify(w)}`);
    }
    this.windows = windows ?? [];
    this.admitted = [];
  }

  reset(): void {
    this.configure(undefined);
  }

  /** Seconds to wait before this write fits every window; 0 when it fits now (and is counted). */
  admit(now: number): number {
    if (this.windows.length === 0) return 0;
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    this.admitted = this.admitted.filter((t) => now - t < longest);
    let waitMs = 0;
    for (const { count, windowMs } of this.windows) {
      const inWindow = this.admitted.filter((t) => now - t < windowMs);
      // Room comes back when the oldest of the last `count` writes leaves the window.
      if (inWindow.length >= count) waitMs = Math.max(waitMs, inWindow[inWindow.length - count]! + windowMs - now);
    }
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    this.admitted.push(now);
    return 0;
  }
}

export class SecondaryRateLimit {
  private options: SecondaryRateLimitOptions | undefined;
  private inFlightWrites = 0;
  private lastWriteStart = -Infinity;
  readonly contentCreation = new ContentCreationLimit();

  /** New limits; the interval is counted from the next write. */
  configure(options: SecondaryRateLimitOptions | undefined): void {
    this.options = options;
    this.lastWriteStart = -Infinity;
  }

  reset(): void {
    this.options = undefined;
    this.lastWriteStart = -Infinity;
    this.contentCreation.reset();
  }

  /**
   * Admits a request: returns a refusal (fault spec) for a write over the limit, otherwise
   * undefined and, for a write, a release function to call once it has been answered.
   */
  admit(method: string): { refusal?: FaultSpec; release: () => void } {
    const noop = { release: () => {} };
    if (!WRITE_METHODS.has(method)) return noop;
    const o = this.options;
    const now = performance.now();
    if (o) {
      const tooMany = o.maxConcurrentWrites !== undefined && this.inFlightWrites >= o.maxConcurrentWrites;
      const tooSoon = o.minWriteIntervalMs !== undefined && now - this.lastWriteStart < o.minWriteIntervalMs;
      if (tooMany || tooSoon) return { refusal: faults.secondaryRateLimit({}, o.retryAfterSeconds ?? 1, o.status ?? 403), release: () => {} };
    }
    const retryAfter = this.contentCreation.admit(now);
    if (retryAfter > 0) return { refusal: faults.contentCreationLimit({}, retryAfter), release: () => {} };
    this.lastWriteStart = now;
    this.inFlightWrites += 1;
    let released = false;
    return {
      release: () => {
        if (!released) {
          released = true;
          this.inFlightWrites -= 1;
        }
      },
    };
  }
}
