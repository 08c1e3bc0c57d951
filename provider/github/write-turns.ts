import type { Octokit } from "@octokit/rest";

/**
 * One write request in flight at a time, GitHub's advice against secondary rate limits ("make
 * requests serially instead of concurrently"), each start at least `intervalMs` after the last:
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests
 *
 * plugin-throttling paces writes but does not serialize them: its write limiter (here
 * `poolEntry`) spaces the writes' entries into its shared pool of ten, so a write slower than
 * the interval overlaps the next one. The turn is taken right around the HTTP exchange (`serialWrites`, the innermost plugin), not around the
 * plugins' queues: each Bottleneck job costs a few 1 ms timers, and ~25 ms of them per write,
 * taken one write at a time, was most of what 100 serialized writes cost. The plugins' queuing
 * of the next writes now overlaps the write in flight.
 *
 * A write refused with 403 or 429 (a rate limit, which plugin-throttling waits out) keeps its
 * turn until its last try is done (`releaseWriteTurns`, the outermost plugin): no other write
 * starts while GitHub asks to wait. After a 5xx the turn passes on; plugin-retry's next try
 * queues again. GETs pass straight through: key fetches and refresh reads never wait behind
 * writes.
 */
export class WriteTurns {
  /** The write (its request options: the same object on every try) whose turn it is. */
  private holder: object | undefined;
  private readonly waiting: Array<{ write: object; start: () => void }> = [];
  private lastStart = 0;
  /** Writes waiting to enter plugin-throttling's pool, retries first; see `poolEntry`. */
  private readonly waitingForPool: Array<() => void> = [];
  private lastEntry = 0;
  private poolEntryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs: number) {}

  /**
   * plugin-throttling's write limiter (its `throttle.write` option, a Bottleneck group on which
   * it schedules an empty job before each write enters its shared pool of ten): each write
   * enters the pool at least the interval after the previous one, so writes waiting for their
   * turn do not fill the pool ahead of reads; a retry (which the plugin schedules with priority
   * 0) enters before the writes still waiting, as it would in Bottleneck. In place of
   * Bottleneck's `maxConcurrent: 1, minTime` group: its job cost a write about 1 ms of CPU and
   * 5 ms of timers in a provider process, whose code never warms up.
   */
  readonly poolEntry = {
    key: () => ({
      schedule: <T>(job: { priority?: number }, run: () => Promise<T>): Promise<T> => this.enter(job.priority === 0).then(run),
    }),
  };

  private enter(retry: boolean): Promise<void> {
    return new Promise<void>((go) => {
      if (retry) this.waitingForPool.unshift(go);
      else this.waitingForPool.push(go);
      this.admitDue();
    });
  }

  /** Lets in the writes whose entry is due; `timerFired`: the timer armed for the first one's wait. */
  private admitDue(timerFired = false): void {
    while (this.poolEntryTimer === undefined && this.waitingForPool.length > 0) {
      const wait = this.waitAfter(this.lastEntry);
      if (wait > 0 && !timerFired) {
        this.poolEntryTimer = setTimeout(() => {
          this.poolEntryTimer = undefined;
          this.admitDue(true);
        }, wait);
        return;
      }
      timerFired = false;
      this.lastEntry = Date.now();
      this.waitingForPool.shift()!();
    }
  }

  /** Resolves when `write` may send; at once for the write that holds the turn. */
  async take(write: object): Promise<void> {
    if (this.holder === undefined) this.holder = write;
    else if (this.holder !== write) await new Promise<void>((start) => this.waiting.push({ write, start }));
    const wait = this.waitAfter(this.lastStart);
    // The timer's end is the start: the clock is not read again (waitAfter says why).
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.lastStart = Date.now();
  }

  /**
   * How long until the interval after `last` has passed (none when 0 or less). A timer armed
   * for this wait ends it: the write goes when the timer fires, without reading the clock again.
   * Node counts a timer's delay on libuv's monotonic millisecond clock and Date.now() reads the
   * wall clock, each truncated to whole ms, so a timer can fire when Date.now() shows up to 1 ms
   * less than the delay; read again, the clock would ask for one more timer of 1 ms, per write.
   * Entries and starts are thus at least the interval apart less that 1 ms by Date.now(): a
   * tolerance GitHub cannot notice, as it counts its secondary limits per minute.
   */
  private waitAfter(last: number): number {
    return last + this.intervalMs - Date.now();
  }

  /** Passes the turn on, if `write` holds it, to the longest-waiting write. */
  release(write: object): void {
    if (this.holder !== write) return;
    const next = this.waiting.shift();
    this.holder = next?.write;
    next?.start();
  }
}

/** Where the plugins find the connection's turns: `new GitHubOctokit({ writeTurns, ... })`. */
interface TurnsOption {
  writeTurns?: WriteTurns;
  [option: string]: unknown;
}

type Hooked = Pick<Octokit, "hook">;

/** The innermost plugin: a write's HTTP exchange waits for its turn. */
export function serialWrites(octokit: Hooked, options: TurnsOption): void {
  const turns = options.writeTurns ?? new WriteTurns(0);
  octokit.hook.wrap("request", async (request, options) => {
    if (!isQueued(options)) return request(options);
    await turns.take(options);
    try {
      const response = await request(options);
      turns.release(options);
      return response;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 403 && status !== 429) turns.release(options);
      throw error;
    }
  });
}

/** The outermost plugin: a write refused for a rate limit gives up its turn when it is done. */
export function releaseWriteTurns(octokit: Hooked, options: TurnsOption): void {
  const turns = options.writeTurns;
  if (!turns) return;
  octokit.hook.wrap("request", async (request, options) => {
    try {
      return await request(options);
    } finally {
      turns.release(options);
    }
  });
}

function isQueued(options: { method?: string; url?: string }): boolean {
  return WRITES.has(String(options.method).toUpperCase()) && !isAuthRequest(String(options.url));
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
