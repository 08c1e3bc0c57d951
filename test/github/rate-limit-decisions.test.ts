import assert from "node:assert/strict";
import { classifyRateLimits, rateLimitCallbacks, timeOfDay } from "../../provider/github/rate-limit-waits";

/*
 * github/rate-limit-waits.ts on its own: which failures are given plugin-throttling's wording
 * of a rate limit (and which keep theirs), and what the wait's announcement says, and when.
 * The whole path through the emulator: test/github/rate-limit-waits.test.ts.
 */

type LimitError = { status?: number; message: string; response?: { headers?: Record<string, string | undefined> } };

/** The message with which classifyRateLimits' hook rethrows `error` (the same object). */
function classified(error: LimitError): string {
  let hook: ((error: LimitError) => never) | undefined;
  classifyRateLimits({ hook: { error: (_name, fn) => void (hook = fn) } });
  assert.throws(
    () => hook!(error),
    (thrown) => thrown === error,
  );
  return error.message;
}

describe("rate-limit decisions: the wording plugin-throttling classifies by", () => {
  it("words a 429 as a secondary rate limit, also when the failure carries no response", () => {
    assert.equal(classified({ status: 429, message: "Too Many Requests" }), "secondary rate limit (429): Too Many Requests");
    assert.equal(classified({ status: 403, message: "Forbidden", response: { headers: { "retry-after": "5" } } }), "secondary rate limit (403): Forbidden");
  });

  it("leaves other failures' messages alone, whatever their headers", () => {
    for (const status of [404, 422, 500]) {
      assert.equal(classified({ status, message: "Not it", response: { headers: { "retry-after": "5" } } }), "Not it", String(status));
    }
    assert.equal(classified({ status: 403, message: "Forbidden", response: { headers: {} } }), "Forbidden");
    assert.equal(classified({ message: "fetch failed" }), "fetch failed");
    assert.equal(classified({ status: 429, message: "Limited", response: { headers: { "x-ratelimit-remaining": "0" } } }), "Limited", "a primary limit");
    assert.equal(classified({ status: 429, message: "You have exceeded a secondary rate limit" }), "You have exceeded a secondary rate limit");
  });
});

describe("rate-limit decisions: the announcement of a wait", () => {
  const realNow = Date.now;
  let now = 0;
  beforeEach(() => {
    now = Date.UTC(2030, 0, 1, 18, 20, 0);
    Date.now = () => now;
  });
  afterEach(() => {
    Date.now = realNow;
  });

  const request = { method: "PUT", url: "/repos/octo-org/app/actions/secrets/X" };
  const policy = (said: string[]) => ({ maxWaitSeconds: 600, secondMs: 1000, announce: (message: string) => void said.push(message) });

  it("says until when, GitHub's seconds from now, and which limit", () => {
    const said: string[] = [];
    const { onRateLimit, onSecondaryRateLimit } = rateLimitCallbacks(policy(said));
    assert.equal(onSecondaryRateLimit(30, request), true);
    now += 60_000;
    assert.equal(onRateLimit(90, request), true);
    assert.deepEqual(said, [
      "GitHub rate limit: GitHub asks to slow down (secondary rate limit: too many requests or too much content created at once); waiting 30 s until 18:20:30Z " +
        "before PUT /repos/octo-org/app/actions/secrets/X (at most 600 s per request: githubSecrets:maxRateLimitWaitSeconds)",
      "GitHub rate limit: this token's requests for the hour are used up (x-ratelimit-remaining: 0); waiting 90 s until 18:22:30Z " +
        "before PUT /repos/octo-org/app/actions/secrets/X (at most 600 s per request: githubSecrets:maxRateLimitWaitSeconds)",
    ]);
    assert.equal(timeOfDay(now), "18:21:00Z");
  });

  it("says a wait once for the requests that wait for the same moment: up to one second later, and not beyond", () => {
    const said: string[] = [];
    const { onSecondaryRateLimit } = rateLimitCallbacks(policy(said));
    onSecondaryRateLimit(30, request);
    now += 1000;
    onSecondaryRateLimit(29, { ...request });
    onSecondaryRateLimit(30, { ...request });
    assert.equal(said.length, 1, said.join("\n"));
    now += 1;
    onSecondaryRateLimit(30, { ...request });
    assert.equal(said.length, 2, "a wait until more than a second after the announced moment");
    assert.match(said[1]!, /waiting 30 s until 18:20:31Z/);
  });
});
