/**
 * Answers by key for one deployment, kept as promises so that callers asking at the same time
 * share one request. A rejected answer is forgotten (the next caller asks again) unless the
 * cache keeps failures, as source reads do: what diff saw failing, update must see failing too.
 */
export class PromiseCache<V> {
  private readonly entries = new Map<string, Promise<V>>();

  constructor(private readonly keepFailures = false) {}

  /** The answer for `key`, asked for with `ask` only when none is kept. */
  get(key: string, ask: () => Promise<V>): Promise<V> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = ask();
      this.entries.set(key, entry);
      if (!this.keepFailures) {
        const asked = entry;
        // Only this answer: a newer one asked for after `forget` stays.
        asked.catch(() => this.entries.get(key) === asked && this.entries.delete(key));
      }
    }
    return entry;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
