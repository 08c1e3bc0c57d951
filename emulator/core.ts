// The emulator's internals, shared by the HTTP handlers and the programmatic API.

import { AppRegistry } from "./apps";
import { Clock } from "./clock";
import { ReadAfterWrite, StaleReads } from "./consistency";
import type { OpenApiValidator } from "./openapi-validator";
import { Store } from "./state";
import { World, type WorldSeed } from "./world";

export class EmulatorCore {
  readonly clock = new Clock();
  readonly store = new Store();
  readonly readAfterWrite = new ReadAfterWrite();
  readonly staleReads = new StaleReads();
  readonly world: World;
  readonly apps: AppRegistry;
  /** "http://127.0.0.1:PORT", known once the server listens. */
  origin = "http://127.0.0.1";

  constructor(
    readonly validator: OpenApiValidator,
    seed: boolean | WorldSeed,
  ) {
    this.world = typeof seed === "object" ? new World(seed) : World.withSeed(seed);
    this.apps = new AppRegistry(this.world, () => this.clock.realNow());
  }

  /** Back to the seed: world, secrets, variables, clock, consistency switches, Apps (key pairs kept, rotations undone, tokens forgotten). */
  reset(): void {
    this.world.reset();
    this.store.reset();
    this.clock.reset();
    this.readAfterWrite.reset();
    this.staleReads.reset();
    this.apps.reset();
  }
}
