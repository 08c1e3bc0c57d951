import type { Deployment } from "../deployment/deployment";

export interface PublicKey {
  readonly key_id: string;
  readonly key: string;
}

/**
 * A container's public key, fetched once per deployment: every secret of a repository is
 * sealed with one key, and resources created in parallel share one request. A failed fetch is
 * not kept: the next resource asks again.
 */
export function publicKeyFor(deployment: Deployment, basePath: string): Promise<PublicKey> {
  return deployment.publicKeys.get(basePath, () =>
    deployment.clients.api.request({ method: "GET", url: `${basePath}/secrets/public-key` }).then((response) => response.data as PublicKey),
  );
}

/** Forgets a container's key, after GitHub rejected it as stale (the key was rotated). */
export function forgetPublicKey(deployment: Deployment, basePath: string): void {
  deployment.publicKeys.forget(basePath);
}
