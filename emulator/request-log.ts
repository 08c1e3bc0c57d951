// The record of every request the emulator answered, with filters for assertions.

import { methodMatches, pathMatches, routeMatches, WRITE_METHODS } from "./matchers";
import type { RecordedRequest, RequestFilter } from "./types";

const KEPT_HEADERS = ["accept", "content-type", "user-agent", "x-github-api-version", "if-none-match"];

/** The headers worth asserting on; the token itself never lands in the log. */
export function headerSubset(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of KEPT_HEADERS) {
    const v = headers[h];
    if (v !== undefined) out[h] = Array.isArray(v) ? v.join(", ") : v;
  }
  const auth = headers.authorization;
  if (typeof auth === "string") out.authorization = `${auth.split(" ")[0] ?? ""} [REDACTED]`;
  return out;
}

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private seq = 0;

  get all(): ReadonlyArray<RecordedRequest> {
    return this.entries;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  add(r: RecordedRequest): void {
    this.entries.push(r);
  }

  clear(): void {
    this.entries = [];
    this.seq = 0;
  }

  find(filter: RequestFilter = {}): RecordedRequest[] {
    return this.entries.filter(
      (r) =>
        methodMatches(filter.method, r.method) &&
        routeMatches(filter.route, r.route) &&
        pathMatches(filter.path, r.path) &&
        (filter.status === undefined || filter.status === r.status) &&
        (filter.fault === undefined || filter.fault === r.fault),
    );
  }

  /** Requests with a write method (POST, PUT, PATCH, DELETE) matching the filter. */
  countWrites(filter: RequestFilter = {}): number {
    return this.find(filter).filter((r) => WRITE_METHODS.has(r.method)).length;
  }

  /** The largest number of matching requests that were in flight at the same time. */
  maxConcurrency(filter: RequestFilter = {}): number {
    const events = this.find(filter).flatMap((r) => [
      { t: r.startedAt, d: 1 },
      { t: r.finishedAt, d: -1 },
    ]);
    events.sort((a, b) => a.t - b.t || a.d - b.d);
    let cur = 0;
    let max = 0;
    for (const e of events) {
      cur += e.d;
      max = Math.max(max, cur);
    }
    return max;
  }
}
