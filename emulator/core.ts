// The emulator's internals, shared by the HTTP handlers and the programmatic API.

import { Clock } from "./clock";
import { ReadAfterWrite } from "./consistency";
import type { OpenApiValidator } from "./openapi-validator";
import { Store } from "./state";
import { World } from "./world";

export class EmulatorCore {
  readonly clock = new Clock();
  readonly store = new Store();
  readonly readAfterWrite = new ReadAfterWrite();
  readonly world: World;
  /** "http://127.0.0.1:PORT", known once the server listens. */
  origin = "http://127.0.0.1";

  constructor(
    readonly validator: OpenApiValidator,
    seed: boolean,
  ) {
    this.world = World.withSeed(seed);
  }

  /** Back to the seed: world, secrets, variables, clock and consistency switch (key pairs kept, rotations undone). */
  reset(): void {
    this.world.reset();
    this.store.reset();
    this.clock.reset();
    this.readAfterWrite.reset();
  }
}
