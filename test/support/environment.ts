/*
 * Changing process.env in a test, and undoing it exactly. `Object.assign(process.env, saved)`
 * is not an undo: Node stores every value as a string, so a variable that was unset comes
 * back as "undefined" and every later test sees it set. Here a variable that was unset is
 * deleted again.
 */

/** The listed variables as they are now (undefined: unset). */
export function snapshotEnvironment(names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, process.env[name]]));
}

/** Puts variables back as a snapshot recorded them: deletes those that were unset. */
export function restoreEnvironment(snapshot: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(snapshot)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/** Runs `body` with `changes` applied (undefined unsets a variable), then restores them, even on failure. */
export async function withEnvironment<T>(changes: Readonly<Record<string, string | undefined>>, body: () => T | Promise<T>): Promise<T> {
  const saved = snapshotEnvironment(Object.keys(changes));
  restoreEnvironment(changes);
  try {
    return await body();
  } finally {
    restoreEnvironment(saved);
  }
}

/** Every variable, for a before/after comparison (root hooks: no test may leave one changed). */
export function environmentChanges(before: Readonly<Record<string, string | undefined>>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(process.env)]);
  return [...names].filter((name) => before[name] !== process.env[name]).sort();
}
