import { currentConfiguration } from "./configuration";
import { capitalize, explainFailure, GitHubSecretsError, redact } from "./errors";
import { clientsFor, type GitHubClients } from "./github-client";
import { collection, scopeFor, type Scope } from "./scopes";
import type { IdentityProperty, ProviderConfiguration, ResolvedInputs, ScopeKey } from "./types";

/*
 * What every API-calling operation starts from: the scope, the GitHub item it addresses,
 * the connection settings and clients, and how its failures are explained.
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
}

export interface Operation {
  readonly scope: Scope;
  readonly target: Target;
  readonly configuration: ProviderConfiguration;
  readonly clients: GitHubClients;
  /** Adds a string this operation sent that no message may show, e.g. a value it sealed. */
  conceal(secret: string): void;
  fail(error: unknown): Error;
}

export function begin(key: ScopeKey, props: ResolvedInputs, action: string): Operation {
  const scope = scopeFor(key);
  const configuration = currentConfiguration();
  const target = targetOf(scope, props);
  if (!configuration.token) {
    throw new GitHubSecretsError(
      `${capitalize(action)} ${scope.title} ${target.label} needs a GitHub token: ` +
        "run `pulumi config set --secret github:token …`, or set GITHUB_TOKEN or GH_TOKEN",
    );
  }
  // What a failure's message must never show: GitHub's message or a proxy's may echo the
  // request, Authorization header and body included (sealed values too, not only plaintext).
  const secrets = [configuration.token, props.value, props.valueEncrypted];
  return {
    scope,
    target,
    configuration,
    clients: clientsFor(configuration),
    conceal: (secret) => void secrets.push(secret),
    fail: (error) => {
      const explained =
        error instanceof GitHubSecretsError
          ? error
          : explainFailure(error, { action, scope, target: target.label, baseUrl: configuration.baseUrl });
      return new GitHubSecretsError(redact(explained.message, secrets), explained.status);
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
  return { identity, name, basePath, itemPath: `${basePath}/${collection(scope)}/${name}`, label: `${name} in ${where}` };
}

/** The props without the serialized provider, which the engine adds to inputs and outputs. */
export function withoutProvider<T extends object>(props: T): T {
  const { __provider: _, ...rest } = props as T & { __provider?: unknown };
  return rest as T;
}

