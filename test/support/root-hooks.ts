import { startEmulator, type GitHubEmulator } from "../../emulator";
import { resetProviderState } from "./provider-state";

/*
 * One GitHub API emulator for the whole run, on a free port of 127.0.0.1, back to its seed
 * state before every test. Suites reach it through `emulator()`.
 */
let instance: GitHubEmulator | undefined;

export function emulator(): GitHubEmulator {
  if (!instance) throw new Error("the emulator starts in the root beforeAll hook");
  return instance;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    instance = await startEmulator({ port: 0 });
  },
  beforeEach() {
    instance?.reset();
    resetProviderState();
  },
  async afterAll() {
    await instance?.close();
  },
};
