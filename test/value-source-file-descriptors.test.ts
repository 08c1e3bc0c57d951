import assert from "node:assert/strict";
import { closeSync, openSync } from "node:fs";
import { readSource } from "../provider/values/value-sources";
import { deployment, newProviderProcess } from "./support/deployment";
import { nodeCommand, readFailure as failure } from "./support/value-source-commands";

/*
 * A `valueFrom` command started while the provider's process has no file descriptor left
 * (a large stack reading many values at once): Node's spawn then returns a child without
 * stdout and stderr and reports EMFILE on its "error" event, which must become the read's
 * failure rather than crash the provider on an unhandled event.
 */

describe("valueFrom command without a free file descriptor", () => {
  it("fails the read with could not be started (EMFILE), and the process carries on", async function () {
    const command = nodeCommand("process.stdout.write('value')");
    const held: number[] = [];
    let pending: Promise<string> | undefined;
    let openFailure: NodeJS.ErrnoException | undefined;
    try {
      // Node cannot lower its own limit: hold descriptors until none is left. Nothing else
      // runs meanwhile, as the read spawns its command synchronously.
      while (openFailure === undefined && held.length < 1_000_000) {
        try {
          held.push(openSync("/dev/null", "r"));
        } catch (error) {
          openFailure = error as NodeJS.ErrnoException;
        }
      }
      if (openFailure?.code === "EMFILE") pending = failure(command);
    } finally {
      for (const fd of held) closeSync(fd);
    }
    if (openFailure === undefined) this.skip(); // a limit above a million descriptors: cannot be exhausted here
    assert.equal(openFailure.code, "EMFILE", "the descriptors should run out for this process first");
    assert.equal(await pending, `\`valueFrom\` command ${JSON.stringify(command.command)} could not be started (EMFILE)`);
    // With descriptors free again the same command runs.
    newProviderProcess();
    assert.equal(await readSource(deployment(), command), "value");
  });
});
