import assert from "node:assert/strict";
import { faults, type Container, type RecordedRequest } from "../../emulator";
import { configureProvider } from "../support/configure-provider";
import { createVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";

/*
 * GitHub's rate limits, answered by the emulator: each is waited out as its headers say, for
 * as long as the total wait of one request stays within githubSecrets:maxRateLimitWaitSeconds,
 * however many times GitHub refuses; the user is told why the update waits; past the bound
 * the failure says until when and what to do.
 */

const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const VALUE = "the-rate-limited-plaintext";
const news = (name: string) => ({ owner: "octo-org", repository: "app", secretName: name, value: VALUE });
const create = (name: string) => createVia("actions-repository-secret", news(name));
const puts = (name?: string): RecordedRequest[] =>
  emulator().requests.filter((r) => r.method === "PUT" && r.route?.endsWith("/secrets/{secret_name}") && (name === undefined || r.path.endsWith(`/${name}`)));

/** Runs `body` with console.warn (the provider's stderr, which `pulumi up` shows) recorded; restores it. */
async function recordingWarnings<T>(body: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
  try {
    return { result: await body(), warnings };
  } finally {
    console.warn = original;
  }
}

function assertNoSecretIn(texts: readonly string[]): void {
  for (const text of texts) {
    assert.ok(!text.includes(VALUE), `the value in: ${text}`);
    assert.ok(!text.includes(emulator().token), `the token in: ${text}`);
  }
}

/**
 * A second of waiting lasts SECOND ms here (github-client.ts's test seam; 1000 in production):
 * the provider waits the seconds GitHub names, each shorter. Long enough to tell a wait from
 * an immediate retry (a few ms), short enough to keep these tests fast.
 */
const SECOND = 60;

const announcements = (warnings: readonly string[]) => warnings.filter((w) => w.startsWith("GitHub rate limit: "));

describe("rate limits: waited out within a bound on the total wait, and announced", function () {
  this.timeout(60_000);

  beforeEach(() => {
    return configureProvider({}, { secondMs: SECOND });
  });

  it("honours retry-after on a 429 without GitHub's secondary-rate-limit wording", async () => {
    emulator().injectFault(faults.tooManyRequests({ method: "PUT" }, 2));
    const { warnings } = await recordingWarnings(() => create("PLAIN_429"));
    assert.equal(emulator().getSecret(REPO, "PLAIN_429")?.value, VALUE);
    const [refused, accepted] = puts();
    assert.equal(refused?.status, 429);
    assert.equal(puts().length, 2);
    const waitedMs = accepted!.startedAt - refused!.finishedAt;
    assert.ok(waitedMs >= 1.9 * SECOND, `retried ${Math.round(waitedMs)} ms after a retry-after of 2 s (${2 * SECOND} ms here)`);
    assert.match(announcements(warnings).join("\n"), /GitHub rate limit: GitHub asks to slow down \(secondary rate limit[^)]*\); waiting 2 s until \d\d:\d\d:\d\dZ before PUT \/repos\/octo-org\/app\/actions\/secrets\/PLAIN_429/);
    assertNoSecretIn(warnings);
  });

  it("waits out a 403 with retry-after but without the wording, and tells a 429 with x-ratelimit-remaining 0 as the hour's limit", async () => {
    emulator().injectFault({ method: "PUT", status: 403, headers: { "retry-after": "1" }, times: 1 });
    const unworded = await recordingWarnings(() => create("UNWORDED"));
    assert.deepEqual(puts("UNWORDED").map((r) => r.status), [403, 201]);
    assert.match(announcements(unworded.warnings)[0] ?? "", /GitHub asks to slow down \(secondary rate limit/);

    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    emulator().injectFault({ method: "PUT", status: 429, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }, times: 1 });
    const primary = await recordingWarnings(() => create("HOURLY"));
    assert.deepEqual(puts("HOURLY").map((r) => r.status), [429, 201]);
    assert.match(announcements(primary.warnings)[0] ?? "", /this token's requests for the hour are used up \(x-ratelimit-remaining: 0\)/);
    assert.equal(emulator().getSecret(REPO, "HOURLY")?.value, VALUE);
  });

  it("waits until x-ratelimit-reset on a primary limit, however many times GitHub refuses", async () => {
    // The reset is fixed when the fault is built: every refusal names the same moment, which a
    // second of SECOND ms does not reach; each wait is the seconds until it, plus one.
    const fault = faults.primaryRateLimit({ method: "PUT", times: 5 }, 1);
    const resetMs = Number(fault.headers!["x-ratelimit-reset"]) * 1000;
    emulator().injectFault(fault);
    const { warnings } = await recordingWarnings(() => create("PRIMARY"));
    assert.equal(emulator().getSecret(REPO, "PRIMARY")?.value, VALUE);
    const tries = puts();
    assert.deepEqual(tries.map((r) => r.status), [403, 403, 403, 403, 403, 201], "five refusals, then the write");
    for (let i = 1; i < tries.length; i++) {
      // plugin-throttling reads the clock just after the refusal: the whole seconds left may be one fewer.
      const seconds = Math.ceil((resetMs - tries[i - 1]!.finishedAt) / 1000);
      const waitedMs = tries[i]!.startedAt - tries[i - 1]!.finishedAt;
      assert.ok(waitedMs >= 0.95 * seconds * SECOND, `try ${i + 1} ${Math.round(waitedMs)} ms after a refusal ${seconds} s before the reset`);
    }
    const said = announcements(warnings);
    const [, announced] = /waiting (\d) s/.exec(said[0] ?? "") ?? [];
    const left = Math.ceil((resetMs - tries[0]!.finishedAt) / 1000);
    assert.ok(Number(announced) === left + 1 || Number(announced) === left, `waiting ${announced} s, ${left} s before the reset`);
    assert.match(said[0]!, /GitHub rate limit: this token's requests for the hour are used up \(x-ratelimit-remaining: 0\); waiting \d s until \d\d:\d\d:\d\dZ before PUT \/repos\/octo-org\/app\/actions\/secrets\/PRIMARY \(at most 600 s per request: githubSecrets:maxRateLimitWaitSeconds\)/);
    assertNoSecretIn(warnings);
  });

  it("fails at once, with the reset time and what to do, when the reset is beyond the bound", async () => {
    await configureProvider({ "githubSecrets:maxRateLimitWaitSeconds": "30" }, { secondMs: SECOND });
    const fault = faults.primaryRateLimit({ method: "PUT", times: Infinity }, 120);
    const reset = new Date(Number(fault.headers!["x-ratelimit-reset"]) * 1000).toISOString();
    emulator().injectFault(fault);
    await assert.rejects(create("TOO_LATE"), (error: Error) => {
      assert.ok(error.message.includes(`GitHub's rate limit for this token is used up until ${reset} (403), later than githubSecrets:maxRateLimitWaitSeconds (30 s) allows waiting`), error.message);
      assert.match(error.message, /run `pulumi up` again after .*, or allow a longer wait with `pulumi config set githubSecrets:maxRateLimitWaitSeconds 3600`/);
      assertNoSecretIn([error.message]);
      return true;
    });
    assert.equal(puts().length, 1, "no waiting, no second try");
  });

  it("keeps waiting out a secondary limit past three refusals, and gives up only when the bound is spent", async () => {
    emulator().injectFault({ ...faults.secondaryRateLimit({ method: "PUT" }, 1), times: 5 });
    await create("PERSISTENT");
    assert.equal(emulator().getSecret(REPO, "PERSISTENT")?.value, VALUE);
    assert.equal(puts("PERSISTENT").length, 6);

    emulator().clearFaults();
    await configureProvider({ "githubSecrets:maxRateLimitWaitSeconds": "3" }, { secondMs: SECOND });
    emulator().injectFault({ ...faults.secondaryRateLimit({ method: "PUT" }, 1), times: Infinity });
    await assert.rejects(create("ENDLESS"), (error: Error) => {
      assert.match(error.message, /GitHub's secondary rate limit kept refusing the request for longer than githubSecrets:maxRateLimitWaitSeconds \(3 s\) allows waiting \(403, retry-after 1 s\); run `pulumi up` again in a few minutes/);
      assertNoSecretIn([error.message]);
      return true;
    });
    assert.equal(puts("ENDLESS").length, 4, "three waits of 1 s fill a bound of 3 s");
  });

  it("completes writes beyond GitHub's content-creation limit by waiting for room", async () => {
    emulator().setContentCreationLimit([{ count: 5, windowMs: 200 }]);
    const names = Array.from({ length: 12 }, (_, i) => `BURST_${i}`);
    const { warnings } = await recordingWarnings(() => Promise.all(names.map(create)));
    for (const name of names) assert.equal(emulator().getSecret(REPO, name)?.value, VALUE, name);
    const refused = puts().filter((r) => r.status === 403).length;
    assert.ok(refused >= 1, "the limit was reached");
    assert.match(announcements(warnings)[0]!, /GitHub asks to slow down \(secondary rate limit[^)]*\); waiting 1 s until/);
  });

  it("announces requests refused together once, and a later refusal again", async () => {
    // Key fetches are reads: they run side by side, and the limit refuses both at once.
    emulator().injectFault({ ...faults.secondaryRateLimit({ method: "GET", path: /\/secrets\/public-key$/ }, 1), times: 2 });
    const inRepo = (repository: string) => createVia("actions-repository-secret", { ...news("TOGETHER"), repository });
    const { warnings } = await recordingWarnings(() => Promise.all([inRepo("app"), inRepo("api")]));
    assert.equal(emulator().getSecret({ ...REPO, repo: "api" }, "TOGETHER")?.value, VALUE);
    assert.equal(emulator().findRequests({ status: 403 }).length, 2, "both key fetches were refused");
    assert.equal(announcements(warnings).length, 1, announcements(warnings).join("\n"));

    emulator().injectFault(faults.secondaryRateLimit({ method: "PUT" }, 1));
    const later = await recordingWarnings(() => create("LATER"));
    assert.equal(announcements(later.warnings).length, 1, "a refusal after the wait is announced");
  });

  it("lets a write refused for a rate limit try again before the writes still waiting to go in", async () => {
    // Writes enter plugin-throttling's pool an interval apart (WriteTurns.door). FIRST keeps its
    // turn while it waits; were its retry queued behind the six writes that came after it, it
    // would go in only after them, six intervals later, and every write would wait with it.
    await configureProvider({ "githubSecrets:writeIntervalMs": String(2 * SECOND) }, { secondMs: SECOND });
    emulator().injectFault(faults.secondaryRateLimit({ method: "PUT", path: "/repos/octo-org/app/actions/secrets/FIRST" }, 1));
    await Promise.all([create("FIRST"), ...Array.from({ length: 6 }, (_, i) => create(`WAITING_${i}`))]);
    const [refused, retried] = puts("FIRST");
    assert.deepEqual([refused!.status, retried!.status], [403, 201]);
    const after = retried!.startedAt - refused!.finishedAt;
    assert.ok(after < 5 * SECOND, `FIRST tried again ${Math.round(after)} ms after GitHub's 1 s (${SECOND} ms here) wait began`);
    assert.equal(puts().length, 8);
  });

  it("starts no other write while GitHub asks to wait", async () => {
    emulator().injectFault(faults.secondaryRateLimit({ method: "PUT", path: "/repos/octo-org/app/actions/secrets/FIRST" }, 2));
    const first = create("FIRST");
    while (!puts("FIRST").some((r) => r.status === 403)) await new Promise((resolve) => setTimeout(resolve, 10));
    const refusedAt = puts("FIRST")[0]!.finishedAt;
    await Promise.all([first, create("SECOND")]);
    const second = puts("SECOND");
    assert.equal(second.length, 1);
    assert.ok(second[0]!.startedAt - refusedAt >= 1.9 * SECOND, `another write started ${Math.round(second[0]!.startedAt - refusedAt)} ms into a wait of 2 s (${2 * SECOND} ms here)`);
    assert.equal(emulator().getSecret(REPO, "SECOND")?.value, VALUE);
  });
});
