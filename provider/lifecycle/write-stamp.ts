import type { RemoteItem } from "./item-operation";

/*
 * When did our write happen, in GitHub's clock? Refresh compares this with the item's
 * `updated_at` to tell someone else's write (newer) from ours.
 *
 * The write response's `Date` header, not a read-back: GitHub's reads are eventually
 * consistent, and a stale read-back (404, or the previous `updated_at`) made the next refresh
 * take our own write for someone else's. The header comes from the clock that stamps
 * `updated_at`, is at or after our write, and costs no request. Within one second (the
 * precision of `updated_at`) another write cannot be told from ours, as with a read-back.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 *
 * Refresh, for its part, never moves the recorded stamp backwards: a read older than it is a
 * stale replica, not a change (`read.ts`).
 */

/** GitHub's timestamp format, as in `updated_at`: "2026-11-24T10:00:00Z". */
export function gitHubTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The write's time from its response's `Date` header; undefined when the header is missing. */
export function writtenAt(response: { headers: Record<string, unknown> }): string | undefined {
  // Stryker disable next-line StringLiteral: Date.parse of any text that is no date, "" included, is NaN
  const date = Date.parse(String(response.headers.date ?? ""));
  return Number.isNaN(date) ? undefined : gitHubTime(date);
}

/** True when `remote` is older than what this resource recorded: a stale replica answered. */
export function isStale(remote: Pick<RemoteItem, "updated_at">, recorded: string | undefined): boolean {
  // Stryker disable next-line ConditionalExpression: without the guard, Date.parse(undefined) is NaN, which no time is less than
  if (recorded === undefined) return false;
  return Date.parse(remote.updated_at) < Date.parse(recorded);
}

/** True when someone wrote the item after the write this resource recorded. */
export function isNewer(remote: Pick<RemoteItem, "updated_at">, recorded: string | undefined): boolean {
  return recorded === undefined || Date.parse(remote.updated_at) > Date.parse(recorded);
}
