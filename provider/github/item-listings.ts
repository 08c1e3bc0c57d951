import type { Deployment } from "../deployment/deployment";
import type { RemoteItem, Target } from "../lifecycle/item-operation";
import { collection, type Scope } from "../scopes";

/**
 * Every item of a container, from one paginated list per container per deployment: a refresh
 * of 100 secrets in one repository costs one request instead of 100. The reads of a container
 * that refresh runs in parallel share one listing. A write to the container drops its listing
 * (the next read lists again), and a failed listing is not kept.
 *
 * The largest page each list endpoint allows, from GitHub's OpenAPI description
 * (`per_page` maximum): 100 for secrets, 30 for variables.
 * https://docs.github.com/en/rest/actions/secrets#list-repository-secrets
 * https://docs.github.com/en/rest/actions/variables#list-repository-variables
 */
const PER_PAGE = { secrets: 100, variables: 30 } as const;

// Stryker disable next-line MethodExpression: upper case would be the same canonical key (the paths are percent-encoded ASCII)
const keyOf = (target: Target, scope: Scope) => `${target.basePath}/${collection(scope)}`.toLowerCase();

/** The item as the container's list shows it, or undefined when the list lacks it (or served it already). */
export async function listedItem(deployment: Deployment, scope: Scope, target: Target): Promise<RemoteItem | undefined> {
  const items = collection(scope);
  const listing = await deployment.listings.get(keyOf(target, scope), () =>
    deployment.clients.api
      .paginate({ method: "GET", url: `${target.basePath}/${items}`, per_page: PER_PAGE[items] } as never)
      .then((list) => new Map((list as RemoteItem[]).map((item) => [item.name.toUpperCase(), item]))),
  );
  // Each item is served once: a second read of the same item in one deployment (which a
  // refresh never makes; tests do) asks GitHub again instead of repeating an old answer.
  const item = listing.get(target.name);
  // Unguarded: deleting a name the listing lacks changes nothing.
  listing.delete(target.name);
  return item;
}

/** After a write to the container: its listing no longer says what GitHub holds. */
export function forgetListing(deployment: Deployment, scope: Scope, target: Target): void {
  deployment.listings.forget(keyOf(target, scope));
}
