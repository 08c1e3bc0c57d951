import assert from "node:assert/strict";
import type { ValueSource } from "../../provider/types";
import { readSource } from "../../provider/values/value-sources";
import { deployment, newProviderProcess } from "./deployment";
import { withEnvironment } from "./environment";

/** A command source that runs `script` with Node (every machine running these tests has it). */
export const nodeCommand = (script: string, timeoutSeconds?: number): { command: string[]; timeoutSeconds?: number } => ({
  command: [process.execPath, "-e", script],
  ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
});

/** The message a fresh read of `source` fails with (fails the test if the read succeeds). */
export async function readFailure(source: ValueSource): Promise<string> {
  newProviderProcess();
  try {
    await readSource(deployment(), source);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`reading ${JSON.stringify(source)} should fail`);
}

/**
 * Runs `body` with the environment variable `name` set to `value` (undefined: unset), as a new
 * provider process would read it: the values read so far are forgotten first.
 */
export function withSourceVariable<T>(name: string, value: string | undefined, body: () => Promise<T>): Promise<T> {
  newProviderProcess();
  return withEnvironment({ [name]: value }, body);
}
