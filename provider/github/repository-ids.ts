import { GitHubSecretsError, statusOf } from "../errors";
import type { Deployment } from "../deployment/deployment";
import type { RepositoryReference } from "../types";

/**
 * Turns a selection into the numeric ids GitHub's API takes. A name without an owner
 * belongs to `defaultOwner` (the organization), or to the authenticated user when there is none.
 */
export async function resolveRepositoryIds(
  deployment: Deployment,
  references: readonly RepositoryReference[],
  defaultOwner: string | undefined,
): Promise<number[]> {
  const resolved = await Promise.all(
    references.map(async (reference, index) => {
      // A numeric id (check lets only positive safe integers through) reads as digits too.
      const text = String(reference);
      if (/^[0-9]+$/.test(text)) return Number(text);
      const [owner, name] = text.includes("/")
        ? text.split("/")
        : [defaultOwner ?? (await authenticatedLogin(deployment)), text];
      return repositoryId(deployment, `${owner}/${name}`, index);
    }),
  );
  return [...new Set(resolved)].sort((a, b) => a - b);
}

function repositoryId(deployment: Deployment, fullName: string, index: number): Promise<number> {
  const [owner, repo] = fullName.split("/");
  // Stryker disable next-line MethodExpression: upper case would be the same canonical cache key
  return deployment.repositoryIds.get(fullName.toLowerCase(), () =>
    deployment.clients.api.request({ method: "GET", url: `/repos/${encodeURIComponent(owner!)}/${encodeURIComponent(repo!)}` }).then(
      (response) => (response.data as { id: number }).id,
      (error: unknown) => {
        if (statusOf(error) === 404) {
          throw new GitHubSecretsError(`selectedRepositories[${index}]: repository "${fullName}" was not found, or the token cannot see it`, 404);
        }
        throw error;
      },
    ),
  );
}

function authenticatedLogin(deployment: Deployment): Promise<string> {
  // Stryker disable next-line StringLiteral: the cache's one key: any name does
  return deployment.logins.get("", () =>
    deployment.clients.api.request({ method: "GET", url: "/user" }).then((response) => (response.data as { login: string }).login),
  );
}
