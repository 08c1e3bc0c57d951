import type { GitHubClient } from "./clients";

export interface PublicKey {
  readonly key_id: string;
  readonly key: string;
}

/**
 * Public keys by container for the life of the process (one deployment): every secret of a
 * repository is sealed with one key fetched once. Promises are cached so that resources
 * created in parallel share one request.
 */
const keys = new Map<string, Promise<PublicKey>>();

export function publicKeyFor(client: GitHubClient, baseUrl: string, basePath: string): Promise<PublicKey> {
  const cacheKey = `${baseUrl}${basePath}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = client
      .request({ method: "GET", url: `${basePath}/secrets/public-key` })
      .then((response) => response.data as PublicKey);
    keys.set(cacheKey, key);
    // A failed fetch is not remembered: the next resource asks again.
    key.catch(() => keys.delete(cacheKey));
  }
  return key;
}

/** Forgets a container's key, after GitHub rejected it as stale (the key was rotated). */
export function forgetPublicKey(baseUrl: string, basePath: string): void {
  keys.delete(`${baseUrl}${basePath}`);
}

/** Forgets every key (tests). */
export function resetPublicKeys(): void {
  keys.clear();
}
