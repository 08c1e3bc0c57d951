import type { Deployment } from "../deployment/deployment";
import { GitHubSecretsError } from "../errors";
import { keyIdProblem, publicKeyProblem } from "../values/public-key-rules";

export interface PublicKey {
  readonly key_id: string;
  readonly key: string;
}

/**
 * A container's public key, fetched once per deployment: every secret of a repository is
 * sealed with one key, and resources created in parallel share one request. A failed fetch is
 * not kept: the next resource asks again. A key that breaks the rules of public-key-rules.ts
 * fails the fetch, so nothing is sealed with it or sent; `holder` names the container's
 * secrets in that message ("repository Actions secrets in octo-org/app").
 */
export function publicKeyFor(deployment: Deployment, basePath: string, holder: string): Promise<PublicKey> {
  return deployment.publicKeys.get(basePath, async () => {
    const url = `${basePath}/secrets/public-key`;
    const answer = ((await deployment.clients.api.request({ method: "GET", url })).data ?? {}) as Partial<Record<keyof PublicKey, unknown>>;
    const problem = publicKeyProblem(answer.key) ?? keyIdProblem(answer.key_id);
    if (problem !== undefined) {
      throw new GitHubSecretsError(
        `The public key GitHub returned for ${holder} (GET ${url}) ${problem}: nothing was sealed with it or sent. ` +
          "Try again; if it persists, check that github:baseUrl (or GITHUB_BASE_URL, GITHUB_API_URL) is GitHub's API",
      );
    }
    return answer as PublicKey;
  });
}

/** Forgets a container's key, after GitHub rejected it as stale (the key was rotated). */
export function forgetPublicKey(deployment: Deployment, basePath: string): void {
  deployment.publicKeys.forget(basePath);
}
