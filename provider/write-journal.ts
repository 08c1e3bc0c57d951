/**
 * The items this process wrote during the current deployment. A replacement, a rename
 * without an alias or a move to another resource type creates the new resource before it
 * deletes the old one; when both name the same GitHub item, the old resource's delete must
 * not remove what the new one just wrote (pulumi/pulumi-github#111, #250).
 */
const written = new Set<string>();

const keyOf = (baseUrl: string, itemPath: string) => `${baseUrl}${itemPath}`.toLowerCase();

export function recordWrite(baseUrl: string, itemPath: string): void {
  written.add(keyOf(baseUrl, itemPath));
}

export function wasWrittenThisDeployment(baseUrl: string, itemPath: string): boolean {
  return written.has(keyOf(baseUrl, itemPath));
}

/** Forgets every write (tests, which run many deployments in one process). */
export function resetWriteJournal(): void {
  written.clear();
}
