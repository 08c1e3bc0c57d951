/*
 * How the clients wait out GitHub's rate limits: @octokit/plugin-throttling does the waiting
 * and retrying; this module decides, in its callbacks, whether to wait (within a bound on the
 * total time one request may wait, not a number of tries), and tells the user why the update
 * is waiting. No other write starts meanwhile: a write refused for a rate limit keeps its turn
 * through its waits (write-turns.ts).
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */

/** The parts of an Octokit request error read here. */
interface LimitError {
  status?: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** The request options plugin-throttling passes to its callbacks; the same object on every try. */
interface LimitedRequest {
  method: string;
  url: string;
}

export interface RateLimitPolicy {
  /** The most one request may wait for rate limits in all, in seconds. */
  readonly maxWaitSeconds: number;
  /** How long one second of GitHub's waits lasts: 1000 ms (tests shorten it: github-client.ts). */
  readonly secondMs: number;
  /** Where waiting is announced: the provider's stderr, which `pulumi up` shows. */
  readonly announce: (message: string) => void;
}

/**
 * An Octokit plugin, registered before plugin-throttling so that it sees each failure first.
 * plugin-throttling retries a 403 or 429 only when its message says "secondary rate" or
 * `x-ratelimit-remaining` is 0. GitHub also answers 429 (or 403 with `retry-after`) without
 * that wording, and asks to honour `retry-after` whatever the wording (or to wait a minute
 * when there is none); left alone, such a failure would reach plugin-retry, which ignores
 * `retry-after`. This gives it the wording plugin-throttling classifies by.
 */
export function classifyRateLimits(octokit: { hook: { error(name: "request", hook: (error: LimitError) => never): void } }): void {
  octokit.hook.error("request", (error) => {
    if (isUnwordedLimit(error)) error.message = `secondary rate limit (${error.status}): ${error.message}`;
    throw error;
  });
}

function isUnwordedLimit(error: LimitError): boolean {
  const headers = error.response?.headers ?? {};
  const limited = error.status === 429 || (error.status === 403 && headers["retry-after"] !== undefined);
  return limited && String(headers["x-ratelimit-remaining"]) !== "0" && !/\bsecondary rate\b/i.test(error.message);
}

/** plugin-throttling's `onRateLimit` and `onSecondaryRateLimit`, bounded by total waiting time. */
export function rateLimitCallbacks(policy: RateLimitPolicy) {
  const waited = new WeakMap<object, number>();
  let announcedUntil = 0;

  const decide = (kind: "primary" | "secondary", retryAfter: number, request: LimitedRequest): boolean => {
    const before = waited.get(request) ?? 0;
    // Past the bound: plugin-throttling rethrows GitHub's answer, which errors.ts explains.
    if (before + retryAfter > policy.maxWaitSeconds) return false;
    waited.set(request, before + retryAfter);
    const until = Date.now() + retryAfter * policy.secondMs;
    // Requests refused together wait for the same moment: say it once.
    if (until > announcedUntil + policy.secondMs) {
      announcedUntil = until;
      const why =
        kind === "primary"
          ? "this token's requests for the hour are used up (x-ratelimit-remaining: 0)"
          : "GitHub asks to slow down (secondary rate limit: too many requests or too much content created at once)";
      policy.announce(
        `GitHub rate limit: ${why}; waiting ${retryAfter} s until ${timeOfDay(until)} before ${request.method} ${request.url} ` +
          `(at most ${policy.maxWaitSeconds} s per request: githubSecrets:maxRateLimitWaitSeconds)`,
      );
    }
    return true;
  };

  return {
    onRateLimit: (retryAfter: number, request: LimitedRequest) => decide("primary", retryAfter, request),
    // Stryker disable next-line StringLiteral: decide tells only "primary" apart; any other kind reads as the secondary limit
    onSecondaryRateLimit: (retryAfter: number, request: LimitedRequest) => decide("secondary", retryAfter, request),
  };
}

/** "18:20:00Z" */
export function timeOfDay(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 19)}Z`;
}
