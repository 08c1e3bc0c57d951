import type { Deployment } from "../deployment/deployment";
import { capitalize, GitHubSecretsError } from "../errors";
import { explainFailure } from "../github/failure-advice";
import { collection, scopeFor, type Scope } from "../scopes";
import type { IdentityProperty, ResolvedInputs, ScopeKey } from "../types";

/*
 * What every API-calling operation starts from: the scope, the GitHub item it addresses, the
 * deployment it belongs to (settings, clients, caches), and how its failures are explained.
 */

/** An item as GitHub's GET and list endpoints describe it. */
export interface RemoteItem {
  name: string;
  value?: string;
  created_at: string;
  updated_at: string;
  visibility?: ResolvedInputs["visibility"];
}

export interface Target {
  readonly identity: Readonly<Record<IdentityProperty, string>>;
  readonly name: string;
  readonly basePath: string;
  readonly itemPath: string;
  /** "DB_PASS in octo-org/app" */
  readonly label: string;
  /** The container: "octo-org/app", "organization octo-org", … */
  readonly where: string;
}

export interface Operation {
  readonly deployment: Deployment;
  readonly scope: Scope;
  readonly target: Target;
  /** Adds a string this operation sent that no message may show, e.g. a value it sealed. */
  conceal(secret: string): void;
  fail(error: unknown): Error;
}

/**
 * Destroy, refresh and the delete half of a replacement do not run the program: the engine
 * configures the default provider with the configuration recorded in the state at the last
 * update, so settings added since (a token moved from GITHUB_TOKEN into github:token) are
 * not seen yet (measured with the Pulumi CLI).
 */
const STALE_CONFIGURATION_HINT =
  ". If the stack configuration holds one now: this command runs with the configuration recorded at the last `pulumi up` " +
  "(Pulumi configures the provider of a delete or refresh from the state), so run `pulumi up` first to record it, " +
  "or set GITHUB_TOKEN for this command";

export function startOperation(deployment: Deployment, key: ScopeKey, props: ResolvedInputs, action: string): Operation {
  const scope = scopeFor(key);
  const { configuration } = deployment;
  const target = targetOf(scope, props);
  if (configuration.credentialProblem) {
    throw new GitHubSecretsError(`${capitalize(action)} ${scope.title} ${target.label}: ${configuration.credentialProblem}`);
  }
  if (!configuration.token && !configuration.app) {
    throw new GitHubSecretsError(
      `${capitalize(action)} ${scope.title} ${target.label} needs a GitHub token or App: ` +
        "run `pulumi config set --secret github:token …` (or set GITHUB_TOKEN or GH_TOKEN), " +
        "or configure a GitHub App with github:appAuth (or GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID, GITHUB_APP_PEM_FILE)" +
        (action === "deleting" || action === "reading" ? STALE_CONFIGURATION_HINT : ""),
    );
  }
  // What a failure's message must never show: GitHub's message or a proxy's may echo the
  // request, Authorization header and body included (sealed values too, not only plaintext);
  // nor anything that could authenticate (the deployment's credentials: Deployment.redact).
  const secrets = [props.value, props.valueEncrypted];
  return {
    deployment,
    scope,
    target,
    conceal: (secret) => void secrets.push(secret),
    fail: (error) => {
      const explained =
        error instanceof GitHubSecretsError
          ? error
          : explainFailure(error, {
              action,
              scope,
              target: target.label,
              baseUrl: configuration.baseUrl,
              app: configuration.app !== undefined,
              maxRateLimitWaitSeconds: configuration.maxRateLimitWaitSeconds,
            });
      // Credentials issued up to now included: the installation token and JWT this request used.
      return new GitHubSecretsError(deployment.redact(explained.message, secrets), explained.status);
    },
  };
}

function targetOf(scope: Scope, props: ResolvedInputs): Target {
  const identity = Object.fromEntries(scope.identity.map((p) => [p, String(props[p])])) as Record<IdentityProperty, string>;
  const name = String(props[scope.nameProperty]).toUpperCase();
  const basePath = scope.basePath(identity);
  const where = scope.identity.includes("environment")
    ? `${identity.owner}/${identity.repository} environment "${identity.environment}"`
    : scope.identity.includes("repository")
      ? `${identity.owner}/${identity.repository}`
      : scope.identity.includes("org")
        ? `organization ${identity.org}`
        : "the authenticated user's account";
  return { identity, name, basePath, itemPath: `${basePath}/${collection(scope)}/${name}`, label: `${name} in ${where}`, where };
}

/** The props without the serialized provider, which the engine adds to inputs and outputs. */
export function withoutProvider<T extends object>(props: T): T {
  const { __provider: _, ...rest } = props as T & { __provider?: unknown };
  return rest as T;
}

