/**
 * The items this process wrote during the current deployment, with the `updated_at` of the
 * latest write. A replacement, a rename without an alias or a move to another resource type
 * creates the new resource before it deletes the old one; when both name the same GitHub
 * item, the old resource's delete must not remove what the new one just wrote
 * (pulumi/pulumi-github#111, #250). A resource deleting its own latest write is not affected.
 */
const written = new Map<string, string | undefined>();

// Stryker disable next-line MethodExpression: upper case would be the same canonical journal key
const keyOf = (baseUrl: string, itemPath: string) => `${baseUrl}${itemPath}`.toLowerCase();

/** Called right after a write (`updatedAt` still unknown) and again once GitHub reported it. */
export function recordWrite(baseUrl: string, itemPath: string, updatedAt?: string): void {
  written.set(keyOf(baseUrl, itemPath), updatedAt);
}

/**
 * True when this deployment wrote the item after the write that a resource holding
 * `updatedAt` made: the item now belongs to another resource.
 */
export function writtenByAnotherResource(baseUrl: string, itemPath: string, updatedAt: string | undefined): boolean {
  const key = keyOf(baseUrl, itemPath);
  return written.has(key) && written.get(key) !== updatedAt;
}

/** Forgets every write (tests, which run many deployments in one process). */
export function resetWriteJournal(): void {
  written.clear();
}
