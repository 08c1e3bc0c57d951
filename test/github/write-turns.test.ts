import assert from "node:assert/strict";
import { Octokit } from "@octokit/rest";
import { install, type Clock } from "@sinonjs/fake-timers";
import { releaseWriteTurns, serialWrites, WriteTurns } from "../../provider/github/write-turns";

/*
 * One write's HTTP exchange at a time, each start at least the write interval after the last;
 * a write refused for a rate limit keeps its turn until its last try is done; reads and the
 * requests for tokens never wait behind a write. The plugins are driven through a minimal
 * `hook`, with requests that finish when the test says so; waits run on a fake clock that the
 * test moves on, so that no result depends on how busy the machine is.
 */

type Options = { method: string; url: string };
type Wrapped = (request: (options: Options) => Promise<unknown>, options: Options) => Promise<unknown>;

/** The `request` wrapper a plugin registers. */
function wrapperOf(plugin: typeof serialWrites, options: { writeTurns?: WriteTurns }): Wrapped | undefined {
  let wrapped: Wrapped | undefined;
  const octokit = { hook: { wrap: (_name: string, fn: Wrapped) => void (wrapped = fn) } };
  plugin(octokit as unknown as Parameters<typeof serialWrites>[0], options);
  return wrapped;
}

/** An HTTP exchange stand-in: records which requests started, finishes each when told. */
function exchanges() {
  const started: string[] = [];
  const pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  const request = (options: Options) =>
    new Promise<unknown>((resolve, reject) => {
      started.push(options.url);
      pending.set(options.url, { resolve, reject });
    });
  return {
    started,
    request,
    succeed: (url: string) => pending.get(url)!.resolve({ status: 204, url }),
    fail: (url: string, error: unknown) => pending.get(url)!.reject(error),
  };
}

/** Lets every promise that can settle without a timer settle. */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 25; i++) await Promise.resolve();
}

/** Whether `promise` settles within a few microtask turns, that is without waiting for a timer. */
async function settlesWithoutTimer(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await microtasks();
  return settled;
}

/** After FIRST's turn ended: SECOND has started, and completes. */
async function nextWriteRuns(http: ReturnType<typeof exchanges>, second: Promise<unknown>, message: string): Promise<void> {
  await microtasks();
  assert.deepEqual(http.started, [put("FIRST").url, put("SECOND").url], message);
  http.succeed(put("SECOND").url);
  await second;
}

const put = (name: string): Options => ({ method: "PUT", url: `/repos/o/r/actions/secrets/${name}` });

/** When the fake clock starts: any time but the epoch, from which the first write would wait an interval. */
const START = Date.UTC(2026, 0, 1);

/** For each test of the describe block: a fake clock for timers and Date, at START, removed after the test. */
function onFakeClock(): { readonly now: Clock } {
  const clock = { now: undefined as unknown as Clock };
  beforeEach(() => void (clock.now = install({ now: START, toFake: ["setTimeout", "clearTimeout", "Date"] })));
  afterEach(() => clock.now.uninstall());
  return clock;
}

/**
 * Moves the wall clock (Date.now) back 1 ms without moving the timers: each then fires when
 * Date.now() reads 1 ms short of its delay, as Node's timers can.
 */
function timersFireEarly(clock: Clock): void {
  clock.setSystemTime(clock.now - 1);
}

describe("write turns: one write at a time, paced", () => {
  const clock = onFakeClock();

  it("starts a second write only when the first's turn is released, and only by its holder", async () => {
    const turns = new WriteTurns(0);
    const first = {};
    const second = {};
    await turns.take(first);
    const secondStarts = turns.take(second);
    assert.equal(await settlesWithoutTimer(secondStarts), false, "the second write started while the first held the turn");
    turns.release(second);
    turns.release({});
    assert.equal(await settlesWithoutTimer(secondStarts), false, "a release by a write that does not hold the turn passed it on");
    turns.release(first);
    assert.equal(await settlesWithoutTimer(secondStarts), true, "the released turn did not pass to the waiting write");
  });

  it("starts each write the interval after the previous one's start", async () => {
    const turns = new WriteTurns(40);
    const first = {};
    await turns.take(first);
    turns.release(first);
    const second = {};
    const secondStarts = turns.take(second);
    await clock.now.tickAsync(39);
    assert.equal(await settlesWithoutTimer(secondStarts), false, "the second write started 39 ms after the first, with an interval of 40 ms");
    await clock.now.tickAsync(1);
    assert.equal(await settlesWithoutTimer(secondStarts), true, "the second write had not started 40 ms after the first");
    // The third write's interval runs from the second's start, not from its own arrival.
    await clock.now.tickAsync(15);
    turns.release(second);
    const thirdStarts = turns.take({});
    await clock.now.tickAsync(24);
    assert.equal(await settlesWithoutTimer(thirdStarts), false, "the third write started 39 ms after the second");
    await clock.now.tickAsync(1);
    assert.equal(await settlesWithoutTimer(thirdStarts), true, "the third write had not started 40 ms after the second");
  });

  it("waits for no timer when no wait is due: the first write, and one exactly the interval after the last", async () => {
    const turns = new WriteTurns(40);
    const first = {};
    assert.equal(await settlesWithoutTimer(turns.take(first)), true, "the first write waited");
    turns.release(first);
    clock.now.tick(40);
    assert.equal(await settlesWithoutTimer(turns.take({})), true, "a write the interval after the last one waited");
    assert.equal(clock.now.countTimers(), 0, "a timer was armed");
  });

  it("starts a write when its timer fires, though Date.now() reads a millisecond short", async () => {
    const turns = new WriteTurns(40);
    const first = {};
    await turns.take(first);
    turns.release(first);
    const secondStarts = turns.take({});
    timersFireEarly(clock.now);
    await clock.now.tickAsync(40);
    assert.equal(await settlesWithoutTimer(secondStarts), true, "the write waited for another timer after its own had fired");
    assert.equal(clock.now.countTimers(), 0, "a second timer was armed");
  });
});

describe("serial writes: the plugins around each write's HTTP exchange", () => {
  const outcomes: [what: string, withTurns: boolean, error: unknown][] = [
    ["a success, also without a connection's turns (writeTurns)", false, undefined],
    ["a server error (502)", true, { status: 502, message: "Bad Gateway" }],
    ["a refusal another try cannot change (422)", true, { status: 422, message: "Unprocessable" }],
    ["a failure without a status (the network)", true, new Error("fetch failed")],
  ];
  for (const [what, withTurns, error] of outcomes) {
    it(`passes the turn on after ${what}`, async () => {
      const http = exchanges();
      const wrapped = wrapperOf(serialWrites, withTurns ? { writeTurns: new WriteTurns(0) } : {})!;
      const first = wrapped(http.request, put("FIRST"));
      const second = wrapped(http.request, put("SECOND"));
      await microtasks();
      assert.deepEqual(http.started, [put("FIRST").url], "two writes in flight at once");
      if (error === undefined) {
        http.succeed(put("FIRST").url);
        assert.deepEqual(await first, { status: 204, url: put("FIRST").url });
      } else {
        http.fail(put("FIRST").url, error);
        await assert.rejects(first, (thrown) => thrown === error);
      }
      await nextWriteRuns(http, second, "the next write did not start");
    });
  }

  for (const status of [403, 429]) {
    it(`keeps the turn of a write refused with ${status} (a rate limit) until releaseWriteTurns ends it`, async () => {
      const http = exchanges();
      const turns = new WriteTurns(0);
      const inner = wrapperOf(serialWrites, { writeTurns: turns })!;
      const outer = wrapperOf(releaseWriteTurns, { writeTurns: turns })!;
      // Between inner and outer, plugin-throttling waits out the limit: here until `waitedOut`.
      let waitedOut: () => void = () => {};
      const waiting = new Promise<void>((resolve) => (waitedOut = resolve));
      const refused = { status, message: "Too Many Requests" };
      const first = outer((options) => inner(http.request, options).catch(async (error) => Promise.reject(await waiting.then(() => error))), put("FIRST"));
      const second = inner(http.request, put("SECOND"));
      await microtasks();
      http.fail(put("FIRST").url, refused);
      await microtasks();
      assert.deepEqual(http.started, [put("FIRST").url], `another write started while a ${status} asked to wait`);
      waitedOut();
      await assert.rejects(first, (thrown) => thrown === refused);
      await nextWriteRuns(http, second, "releaseWriteTurns did not pass the turn on");
    });
  }

  it("lets reads through while a write holds the turn", async () => {
    const http = exchanges();
    const wrapped = wrapperOf(serialWrites, {})!;
    void wrapped(http.request, put("HELD"));
    await microtasks();
    void wrapped(http.request, { method: "GET", url: "/repos/o/r/actions/secrets/public-key" });
    void wrapped(http.request, { method: "put", url: "/repos/o/r/actions/secrets/LOWER" });
    await microtasks();
    assert.deepEqual(http.started, [put("HELD").url, "/repos/o/r/actions/secrets/public-key"]);
  });

  it("lets token requests through while a write holds the turn; look-alike paths wait", async () => {
    const tokens = [
      "POST /app/installations/12345/access_tokens",
      "POST https://api.github.com/app/installations/12345/access_tokens",
      "POST /applications/Iv1abc/token",
      "PATCH /applications/Iv1abc/token/scoped",
      "POST /login/oauth/access_token",
    ];
    const lookAlikes = [
      "POST /repos/o/r/app/installations/1/access_tokens",
      "POST /app/installations/1/access_tokens/x",
      "POST /repos/o/r/applications/Iv1abc/token",
      "POST /applications/a/b/token",
      "POST /applications/Iv1abc/tokens",
      "PATCH /applications/Iv1abc/token/scopedx",
      "POST /login/oauth/access_token/x",
      "POST /",
    ];
    for (const line of [...tokens, ...lookAlikes]) {
      const [method, url] = line.split(" ") as [string, string];
      const request = { method, url };
      const http = exchanges();
      const wrapped = wrapperOf(serialWrites, {})!;
      const held = wrapped(http.request, put("HELD"));
      await microtasks();
      const other = wrapped(http.request, request);
      await microtasks();
      const bypasses = tokens.includes(line);
      assert.deepEqual(http.started, bypasses ? [put("HELD").url, request.url] : [put("HELD").url], line);
      http.succeed(put("HELD").url);
      await held;
      await microtasks();
      assert.deepEqual(http.started, [put("HELD").url, request.url], `${line} after the write`);
      http.succeed(request.url);
      await other;
    }
  });

  it("releaseWriteTurns without a connection's turns passes requests through", async () => {
    const Client = Octokit.plugin(releaseWriteTurns);
    const fetch = async () => new Response('{"ok":true}', { status: 200, headers: { "content-type": "application/json" } });
    const octokit = new Client({ request: { fetch } });
    assert.deepEqual((await octokit.request("PUT /repos/{owner}/{repo}/actions/secrets/{name}", { owner: "o", repo: "r", name: "X" })).data, { ok: true });
  });
});

describe("entry into plugin-throttling's pool: writes enter an interval apart, retries first", () => {
  const clock = onFakeClock();

  /** Schedules an empty job as plugin-throttling does (`write.key(id).schedule(options, noop)`); records its entry, in ms from START. */
  function enterAll(turns: WriteTurns, names: Array<[string, { priority?: number }]>, entered: Array<{ name: string; at: number }>): Promise<unknown>[] {
    return names.map(([name, options]) => turns.poolEntry.key().schedule(options, async () => void entered.push({ name, at: Date.now() - START })));
  }

  it("lets writes in the interval apart, in the order they came", async () => {
    const entered: Array<{ name: string; at: number }> = [];
    const all = Promise.all(enterAll(new WriteTurns(40), [["A", {}], ["B", {}], ["C", {}]], entered));
    await clock.now.tickAsync(39);
    assert.deepEqual(entered, [{ name: "A", at: 0 }], "a write went in before the interval had passed");
    await clock.now.tickAsync(41);
    await all;
    assert.deepEqual(entered, [
      { name: "A", at: 0 },
      { name: "B", at: 40 },
      { name: "C", at: 80 },
    ]);
  });

  it("lets a retry (priority 0, as plugin-throttling schedules one) in before the writes still waiting", async () => {
    const turns = new WriteTurns(40);
    const entered: Array<{ name: string; at: number }> = [];
    const first = enterAll(turns, [["A", {}], ["B", {}], ["C", {}]], entered);
    await clock.now.tickAsync(10);
    const retry = enterAll(turns, [["A again", { priority: 0, weight: 0 } as { priority?: number }]], entered);
    await clock.now.tickAsync(120);
    await Promise.all([...first, ...retry]);
    assert.deepEqual(entered, [
      { name: "A", at: 0 },
      { name: "A again", at: 40 },
      { name: "B", at: 80 },
      { name: "C", at: 120 },
    ]);
  });

  it("lets every write in at once, without a timer, when the interval is 0", async () => {
    const entered: Array<{ name: string; at: number }> = [];
    const all = Promise.all(enterAll(new WriteTurns(0), [["A", {}], ["B", {}], ["C", {}], ["D", {}]], entered));
    assert.ok(await settlesWithoutTimer(all), "a write waited for a timer");
    assert.deepEqual(entered.map((e) => e.name), ["A", "B", "C", "D"]);
    assert.equal(clock.now.countTimers(), 0, "a timer was armed");
  });

  it("waits on one timer at a time, however many writes wait, and lets one write in per timer", async () => {
    const entered: Array<{ name: string; at: number }> = [];
    const all = Promise.all(enterAll(new WriteTurns(30), [["A", {}], ["B", {}], ["C", {}], ["D", {}], ["E", {}]], entered));
    await microtasks();
    for (let waits = 1; waits <= 4; waits++) {
      assert.equal(clock.now.countTimers(), 1, `${clock.now.countTimers()} timers pending for the writes still waiting, after ${waits - 1} waits`);
      // Every timer fires when Date.now() reads a millisecond short, as Node's can.
      timersFireEarly(clock.now);
      await clock.now.tickAsync(30);
      assert.equal(entered.length, waits + 1, `${entered.length} writes in after ${waits} waits`);
    }
    await all;
    assert.equal(clock.now.countTimers(), 0, "a timer was left armed");
    assert.deepEqual(entered.map((e) => e.name), ["A", "B", "C", "D", "E"]);
  });

  it("answers with what the job returns", async () => {
    assert.equal(await new WriteTurns(0).poolEntry.key().schedule({}, async () => "sent"), "sent");
  });
});
