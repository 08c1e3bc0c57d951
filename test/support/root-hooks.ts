import { startEmulator, type GitHubEmulator } from "../../emulator";
import { environmentChanges, restoreEnvironment } from "./environment";
import { leaveDeployment } from "./deployment";

/*
 * One GitHub API emulator for the whole run, on a free port of 127.0.0.1, back to its seed
 * state before every test. Suites reach it through `emulator()`.
 */
let instance: GitHubEmulator | undefined;
/** Under StrykerJS, a test without a timeout of its own fails after this long (the slowest take about 3 s). */
const STRYKER_TEST_TIMEOUT_MS = 8000;
/** process.env before the run and before each test: no test may leave a variable changed. */
let environmentAtStart: Record<string, string | undefined> = {};
let environmentBeforeTest: Record<string, string | undefined> = {};

function assertEnvironmentAsBefore(before: Record<string, string | undefined>, when: string): void {
  const changed = environmentChanges(before);
  if (changed.length === 0) return;
  restoreEnvironment(Object.fromEntries(changed.map((name) => [name, before[name]])));
  throw new Error(`${when} left process.env changed (${changed.join(", ")}); restore with test/support/environment.ts`);
}

export function emulator(): GitHubEmulator {
  if (!instance) throw new Error("the emulator starts in the root beforeAll hook");
  return instance;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    environmentAtStart = { ...process.env };
    instance = await startEmulator({ port: 0 });
  },
  beforeEach(this: Mocha.Context) {
    // StrykerJS's mocha runner runs with no timeout at all, so a mutant under which a test
    // waits forever (a write that never gets its turn, say) held its worker until Stryker's
    // own timeout killed and restarted it: half a minute per mutant. Bounded here, such a test
    // fails and the mutant counts as killed at once. Tests that set their own timeout keep it.
    if (process.env.STRYKER_MUTATOR_WORKER !== undefined && this.currentTest?.timeout() === 0) this.currentTest.timeout(STRYKER_TEST_TIMEOUT_MS);
    environmentBeforeTest = { ...process.env };
    instance?.reset();
    leaveDeployment();
  },
  afterEach(this: Mocha.Context) {
    assertEnvironmentAsBefore(environmentBeforeTest, `"${this.currentTest?.fullTitle()}"`);
  },
  async afterAll() {
    await instance?.close();
    assertEnvironmentAsBefore(environmentAtStart, "a suite's before/after hook");
  },
};
