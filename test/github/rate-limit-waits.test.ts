import assert from "node:assert/strict";
import { faults, type Container, type RecordedRequest } from "../../emulator";
import { WriteTurns } from "../../provider/github/write-turns";
import { configureProvider } from "../support/configure-provider";
import { createVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";

/*
 * GitHub's rate limits, answered by the emulator: each is waited out as its headers say, for
 * as long as the total wait of one request stays within githubSecrets:maxRateLimitWaitSeconds,
 * however many times GitHub refuses; the user is told why the update waits; past the bound
 * the failure says until when and what to do.
 *
 * The requests go over HTTP to the emulator, so the clock stays real: the tests assert which
 * request came first and how many tries there were, and measure a wait only where the wait is
 * what they test, against a lower bound of the waits GitHub asked for. The emulator times
 * requests on the monotonic clock (performance.now()); Date.now(), by which GitHub's
 * x-ratelimit-reset is read, may drift from it by seconds in a long run, so the two are never
 * compared with each other.
 */

const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const VALUE = "the-rate-limited-plaintext";
const news = (name: string) => ({ owner: "octo-org", repository: "app", secretName: name, value: VALUE });
const create = (name: string) => createVia("actions-repository-secret", news(name));
/** The PUTs of secrets (all, or NAME's) in the order they reached the emulator. */
const puts = (name?: string): RecordedRequest[] =>
  emulator()
    .requests.filter((r) => r.method === "PUT" && r.route?.endsWith("/secrets/{secret_name}") && (name === undefined || r.path.endsWith(`/${name}`)))
    .sort((a, b) => a.seq - b.seq);
const secretOf = (request: RecordedRequest) => request.path.slice(request.path.lastIndexOf("/") + 1);

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
 * A second of waiting lasts SECOND ms here (the Deployment's `secondMs`; 1000 in production):
 * the provider waits the seconds GitHub names, each shorter. Long enough to tell a wait from
 * an immediate retry (a few ms), short enough to keep these tests fast.
 */
const SECOND = 60;

/**
 * Asserts that the emulator saw `next` start at least `seconds` of GitHub's (SECOND ms each)
 * after it answered `refused`. A lower bound only: a busy machine makes waits longer, never
 * shorter. The 10% spared covers a timer that fires a millisecond early and the rounding of
 * the provider's Date.now() against the emulator's clock; a wait that ignored GitHub's would
 * still fall far below it.
 */
function assertWaited(refused: RecordedRequest, next: RecordedRequest, seconds: number, what: string): void {
  const waitedMs = next.startedAt - refused.finishedAt;
  assert.ok(waitedMs >= 0.9 * seconds * SECOND, `${what} ${Math.round(waitedMs)} ms after the refusal, which asked for ${seconds} s (${seconds * SECOND} ms here)`);
}

/**
 * Records, in order, each arrival at WriteTurns' entry into plugin-throttling's pool and each
 * entry, a retry (priority 0) told from a first try; restores the door after `body`. Over HTTP
 * that order cannot be seen: the write that was refused keeps its turn, so it sends before
 * the others however late it goes in.
 */
async function recordingDoor<T>(body: () => Promise<T>): Promise<string[]> {
  const door = WriteTurns.prototype as unknown as { enter(retry: boolean): Promise<void> };
  const enter = door.enter;
  const events: string[] = [];
  door.enter = function (this: WriteTurns, retry: boolean) {
    const who = retry ? "retry" : "write";
    events.push(`${who} arrives`);
    return enter.call(this, retry).then(() => void events.push(`${who} goes in`));
  };
  try {
    await body();
  } finally {
    door.enter = enter;
  }
  return events;
}

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
    assert.deepEqual(puts().map((r) => r.status), [429, 201]);
    const [refused, accepted] = puts();
    assertWaited(refused!, accepted!, 2, "retried");
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
    // Every refusal names the same reset, RESET_S s ahead, which seconds of `secondMs` do not
    // reach: plugin-throttling waits the whole seconds from Date.now() until it, plus one.
    const RESET_S = 10;
    const secondMs = 20;
    await configureProvider({}, { secondMs });
    const before = Date.now();
    const fault = faults.primaryRateLimit({ method: "PUT", times: 5 }, RESET_S);
    const resetMs = Number(fault.headers!["x-ratelimit-reset"]) * 1000;
    emulator().injectFault(fault);
    const { warnings } = await recordingWarnings(() => create("PRIMARY"));
    const after = Date.now();
    assert.equal(emulator().getSecret(REPO, "PRIMARY")?.value, VALUE);
    const tries = puts();
    assert.deepEqual(tries.map((r) => r.status), [403, 403, 403, 403, 403, 201], "five refusals, then the write");
    // Each refusal came between `before` and `after` by Date.now(): each wait lasted at least
    // the seconds from `after` to the reset, plus one (some 10 s; a wait that ignored the reset
    // would last a second or two), less the 10% assertWaited spares.
    const fewest = Math.ceil((resetMs - after) / 1000) + 1;
    const most = Math.ceil((resetMs - before) / 1000) + 1;
    for (let i = 1; i < tries.length; i++) {
      const waitedMs = tries[i]!.startedAt - tries[i - 1]!.finishedAt;
      assert.ok(waitedMs >= 0.9 * fewest * secondMs, `try ${i + 1} ${Math.round(waitedMs)} ms after a refusal with ${fewest - 1} s or more left before the reset: ${fewest} s due (${fewest * secondMs} ms here)`);
    }
    const said = announcements(warnings);
    const announced = Number((/waiting (\d+) s/.exec(said[0] ?? "") ?? [])[1]);
    assert.ok(announced >= fewest && announced <= most, `waiting ${announced} s, when ${fewest}–${most} s were due`);
    assert.match(said[0]!, /GitHub rate limit: this token's requests for the hour are used up \(x-ratelimit-remaining: 0\); waiting \d+ s until \d\d:\d\d:\d\dZ before PUT \/repos\/octo-org\/app\/actions\/secrets\/PRIMARY \(at most 600 s per request: githubSecrets:maxRateLimitWaitSeconds\)/);
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
    // Ten writes a second: the eleventh is refused unless the ten took a second or more, far
    // longer than even a busy machine takes, so the limit is reached however fast writes go.
    emulator().setContentCreationLimit([{ count: 10, windowMs: 1000 }]);
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
    // Writes enter plugin-throttling's pool an interval apart (WriteTurns.poolEntry). FIRST keeps its
    // turn while it waits; were its retry queued behind the six writes that came after it, it
    // would go in only after them, six intervals later, and every write would wait with it.
    // The interval is three times GitHub's wait: the retry comes while writes still wait.
    await configureProvider({ "githubSecrets:writeIntervalMs": String(3 * SECOND) }, { secondMs: SECOND });
    emulator().injectFault(faults.secondaryRateLimit({ method: "PUT", path: "/repos/octo-org/app/actions/secrets/FIRST" }, 1));
    const waiting = Array.from({ length: 6 }, (_, i) => `WAITING_${i}`);
    const door = await recordingDoor(() => Promise.all([create("FIRST"), ...waiting.map(create)]));
    const sent = puts().map((r) => `${secretOf(r)} ${r.status}`);
    assert.deepEqual(sent.slice(0, 2), ["FIRST 403", "FIRST 201"], "a write started while FIRST waited");
    assert.deepEqual(sent.slice(2).sort(), waiting.map((name) => `${name} 201`));
    // The door's record from the retry's arrival on: it goes in next, before any write. A
    // write may still arrive meanwhile (a loaded machine delays the last creates); only the
    // order of going in is the promise.
    const arrival = door.indexOf("retry arrives");
    const stillWaiting = door.slice(0, arrival).filter((e) => e === "write arrives").length - door.slice(0, arrival).filter((e) => e === "write goes in").length;
    assert.ok(stillWaiting > 0, `no write was waiting at the door when the retry came: ${door.join(", ")}`);
    const nextIn = door.slice(arrival).find((event) => event.endsWith("goes in"));
    assert.equal(nextIn, "retry goes in", `the retry waited behind ${stillWaiting} writes: ${door.join(", ")}`);
  });

  it("starts no other write while GitHub asks to wait", async () => {
    // 5 s of GitHub's: time enough for SECOND's write to come while FIRST waits.
    emulator().injectFault(faults.secondaryRateLimit({ method: "PUT", path: "/repos/octo-org/app/actions/secrets/FIRST" }, 5));
    const first = create("FIRST");
    while (!puts("FIRST").some((r) => r.status === 403)) await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all([first, create("SECOND")]);
    assert.deepEqual(puts().map((r) => `${secretOf(r)} ${r.status}`), ["FIRST 403", "FIRST 201", "SECOND 201"], "another write started while GitHub asked to wait");
    const [refused, retried] = puts("FIRST");
    assertWaited(refused!, retried!, 5, "FIRST tried again");
    assert.equal(emulator().getSecret(REPO, "SECOND")?.value, VALUE);
  });
});
