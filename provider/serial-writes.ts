import type { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck";

/**
 * An Octokit plugin: one write request in flight at a time, GitHub's advice against secondary
 * rate limits ("make requests serially instead of concurrently"):
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests
 *
 * plugin-throttling paces writes but does not serialize them: its write limiter
 * (`maxConcurrent: 1, minTime`) schedules an empty job, then sends the request through its
 * shared pool of ten, so a write slower than `minTime` overlaps the next one. This wraps the
 * whole write, pacing, retries and waits for a rate limit included, so the next write starts
 * only after this one is done. GETs pass straight through: reads after writes, key fetches and
 * refresh reads never wait behind writes.
 */
export function serialWrites(octokit: Pick<Octokit, "hook">): void {
  const writes = new Bottleneck({ maxConcurrent: 1 });
  octokit.hook.wrap("request", (request, options) =>
    WRITES.has(String(options.method).toUpperCase()) && !isAuthRequest(String(options.url))
      ? writes.schedule(async () => request(options))
      : request(options),
  );
}

/**
 * Token requests (a GitHub App's installation token) are POSTs made while a write waits for its
 * authentication: queued behind that write they would never run. plugin-throttling exempts
 * the same paths from its write limiter.
 */
function isAuthRequest(url: string): boolean {
  const path = new URL(url, "http://github.test").pathname;
  return /^\/app\/installations\/[^/]+\/access_tokens$/.test(path) || /^\/applications\/[^/]+\/token(\/scoped)?$/.test(path) || path === "/login/oauth/access_token";
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
