import assert from "node:assert/strict";
import type { ValueSource } from "../../provider/types";
import { readSource, resetValueSources } from "../../provider/value-source";

/** A command source that runs `script` with Node (every machine running these tests has it). */
export const nodeCommand = (script: string, timeoutSeconds?: number): { command: string[]; timeoutSeconds?: number } => ({
  command: [process.execPath, "-e", script],
  ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
});

/** The message a fresh read of `source` fails with (fails the test if the read succeeds). */
export async function readFailure(source: ValueSource): Promise<string> {
  resetValueSources();
  try {
    await readSource(source);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`reading ${JSON.stringify(source)} should fail`);
}
