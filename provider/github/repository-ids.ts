import { GitHubSecretsError, statusOf } from "../errors";
import type { GitHubClient } from "./clients";
import type { RepositoryReference } from "../types";

/** Repository ids by lower-cased `owner/name`, for the life of the process. */
const ids = new Map<string, Promise<number>>();
let viewer: Promise<string> | undefined;

/**
 * Turns a selection into the numeric ids GitHub's API takes. A name without an owner
 * belongs to `defaultOwner` (the organization), or to the authenticated user when there is none.
 */
export async function resolveRepositoryIds(
  client: GitHubClient,
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
        : [defaultOwner ?? (await authenticatedLogin(client)), text];
      return repositoryId(client, `${owner}/${name}`, index);
    }),
  );
  return [...new Set(resolved)].sort((a, b) => a - b);
}

function repositoryId(client: GitHubClient, fullName: string, index: number): Promise<number> {
  // Stryker disable next-line MethodExpression: upper case would be the same canonical cache key
  const key = fullName.toLowerCase();
  let id = ids.get(key);
  if (!id) {
    const [owner, repo] = fullName.split("/");
    id = client
      .request({ method: "GET", url: `/repos/${encodeURIComponent(owner!)}/${encodeURIComponent(repo!)}` })
      .then(
        (response) => (response.data as { id: number }).id,
        (error: unknown) => {
          if (statusOf(error) === 404) {
            throw new GitHubSecretsError(
              `selectedRepositories[${index}]: repository "${fullName}" was not found, or the token cannot see it`,
              404,
            );
          }
          throw error;
        },
      );
    ids.set(key, id);
    id.catch(() => ids.delete(key));
  }
  return id;
}

function authenticatedLogin(client: GitHubClient): Promise<string> {
  if (!viewer) {
    viewer = client.request({ method: "GET", url: "/user" }).then((response) => (response.data as { login: string }).login);
    viewer.catch(() => (viewer = undefined));
  }
  return viewer;
}

/** Forgets resolved ids (tests). */
export function resetRepositoryIds(): void {
  ids.clear();
  viewer = undefined;
}
