// Rate limits: the informational x-ratelimit-* headers of every response (the primary limit is
// never enforced: inject faults.primaryRateLimit() to simulate it), and an optional emulation of
// the secondary rate limit on writes (too many at once, or too close together).

import { performance } from "node:perf_hooks";
import { WRITE_METHODS } from "./matchers";
import type { FaultSpec, SecondaryRateLimitOptions } from "./types";
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

export class SecondaryRateLimit {
  private options: SecondaryRateLimitOptions | undefined;
  private inFlightWrites = 0;
  private lastWriteStart = -Infinity;

  /** New limits; the interval is counted from the next write. */
  configure(options: SecondaryRateLimitOptions | undefined): void {
    this.options = options;
    this.lastWriteStart = -Infinity;
  }

  reset(): void {
    this.options = undefined;
    this.lastWriteStart = -Infinity;
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
