/**
 * The items this deployment wrote, with the `updated_at` of the latest write. A replacement, a
 * rename without an alias or a move to another resource type creates the new resource before
 * it deletes the old one; when both name the same GitHub item, the old resource's delete must
 * not remove what the new one just wrote (pulumi/pulumi-github#111, #250). A resource deleting
 * its own latest write is not affected.
 */
export class WriteJournal {
  private readonly written = new Map<string, string | undefined>();

  /** Called right after a write (`updatedAt` still unknown) and again once GitHub reported it. */
  record(itemPath: string, updatedAt?: string): void {
    this.written.set(keyOf(itemPath), updatedAt);
  }

  /**
   * True when this deployment wrote the item after the write that a resource holding
   * `updatedAt` made: the item now belongs to another resource.
   */
  writtenByAnotherResource(itemPath: string, updatedAt: string | undefined): boolean {
    const key = keyOf(itemPath);
    return this.written.has(key) && this.written.get(key) !== updatedAt;
  }
}

// Stryker disable next-line MethodExpression: upper case would be the same canonical journal key
const keyOf = (itemPath: string) => itemPath.toLowerCase();
