import { scopes, type Scope } from "../scopes";
import type { ResourceClassName } from "../types";
import { PLUGIN_CONFIG_KEYS } from "./plugin-configuration";
import { PROPERTY_DOCS, type PropertyDoc } from "./property-docs";

/*
 * The package schema the plugin answers `GetSchema` with: what `pulumi package add` and
 * `gen-sdk` turn into an SDK per language, and what Pulumi YAML reads at run time. It is built
 * from the scope table, so a class has exactly the inputs of the scopes it serves and a new
 * scope needs no edit here. https://www.pulumi.com/docs/iac/extending-pulumi/schema/
 */

export const PACKAGE_NAME = "github-secrets";

/** The type token of a resource class: `github-secrets:index:RepoSecret`. */
export const resourceToken = (resourceClass: ResourceClassName): string => `${PACKAGE_NAME}:index:${resourceClass}`;

type SchemaProperty = Omit<PropertyDoc, "secretFor"> & { secret?: boolean };

/** The inputs a class takes: the union over the scopes it serves, in a fixed order. */
function inputNames(rows: readonly Scope[]): string[] {
  const kind = rows[0]!.kind;
  const wanted = new Set<string>(rows.flatMap((scope) => scope.identity));
  if (rows.some((scope) => scope.target === "user")) wanted.add("user");
  if (rows.some((scope) => scope.selection === "organization")) wanted.add("visibility");
  if (rows.some((scope) => scope.selection !== "none")) wanted.add("selectedRepositories");
  const valueInputs = kind === "secret" ? ["value", "valueEncrypted", "keyId", "valueFrom"] : ["value"];
  return [
    ...["owner", "repository", "environment", "org", "user"].filter((name) => wanted.has(name)),
    rows[0]!.nameProperty,
    ...valueInputs,
    "onDrift",
    ...["visibility", "selectedRepositories"].filter((name) => wanted.has(name)),
  ];
}

/** The outputs beyond the inputs: GitHub's timestamps, the selection's ids, the fingerprint. */
function outputOnlyNames(rows: readonly Scope[]): string[] {
  return [
    ...(rows[0]!.kind === "secret" ? ["valueFingerprint"] : []),
    ...(rows.some((scope) => scope.selection !== "none") ? ["selectedRepositoryIds"] : []),
    "createdAt",
    "updatedAt",
  ];
}

function property(name: string, kind: Scope["kind"]): SchemaProperty {
  const doc = PROPERTY_DOCS[name];
  if (!doc) throw new Error(`no schema entry for property ${name}`);
  const { secretFor, ...schema } = doc;
  // A secret's value is a secret in every SDK; a variable's stays as the program passed it.
  return secretFor === "both" || secretFor === kind ? { ...schema, secret: true } : schema;
}

const pick = (names: readonly string[], kind: Scope["kind"]) => Object.fromEntries(names.map((name) => [name, property(name, kind)]));

function resourceSpec(rows: readonly Scope[]) {
  const kind = rows[0]!.kind;
  const inputs = inputNames(rows);
  const every = (name: "repository" | "environment") => rows.every((scope) => (scope.identity as readonly string[]).includes(name));
  const required = [
    ...(["repository", "environment"] as const).filter(every),
    rows[0]!.nameProperty,
    ...(kind === "variable" ? ["value"] : []),
  ];
  const where = rows.map((scope) => `a ${scope.title} (${scope.docs})`).join("; ");
  return {
    description: `${where}. The value is sealed with the container's public key before it leaves the provider.`,
    inputProperties: pick(inputs, kind),
    requiredInputs: required,
    properties: pick([...inputs, ...outputOnlyNames(rows)], kind),
    required: [rows[0]!.nameProperty, "createdAt", "updatedAt"],
  };
}

const CONFIG_DOCS: Record<keyof typeof PLUGIN_CONFIG_KEYS, SchemaProperty> = {
  token: { type: "string", secret: true, description: "A GitHub token. Default: GITHUB_TOKEN, then GH_TOKEN. Ignored when an App is configured." },
  appAuth: { $ref: "#/types/github-secrets:index:AppAuth", description: "Authenticate as a GitHub App installation instead of with a token. Default: GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PEM_FILE." },
  baseUrl: { type: "string", description: "The REST API root, https only (http for loopback addresses). Default: GITHUB_BASE_URL, then GITHUB_API_URL, then https://api.github.com." },
  owner: { type: "string", description: "The default owner of repositories and the default organization. Default: GITHUB_OWNER." },
  writeIntervalMs: { type: "integer", description: "Milliseconds between two writes, as GitHub advises. Default: GITHUB_SECRETS_WRITE_INTERVAL_MS, then 1000." },
  maxRateLimitWaitSeconds: { type: "integer", description: "The longest one request waits for GitHub's rate limits, in seconds. Default: GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS, then 600." },
};

/** The schema, as the JSON text `GetSchema` returns. */
export function packageSchema(version: string): string {
  const classes = [...new Set(Object.values(scopes).map((scope) => scope.resourceClass))];
  const resources = Object.fromEntries(
    classes.map((resourceClass) => [resourceToken(resourceClass), resourceSpec(Object.values(scopes).filter((scope) => scope.resourceClass === resourceClass))]),
  );
  return JSON.stringify({
    name: PACKAGE_NAME,
    displayName: "GitHub secrets and variables",
    version,
    description: "GitHub Actions, Dependabot and Codespaces secrets and Actions variables, sealed with libsodium sealed boxes and kept as Pulumi secrets.",
    keywords: ["github", "secrets", "category/utility"],
    license: "Apache-2.0",
    config: { variables: CONFIG_DOCS },
    provider: { description: "The GitHub connection. Stack configuration under `github-secrets:` wins over the environment.", inputProperties: CONFIG_DOCS },
    types: {
      "github-secrets:index:ValueSource": {
        type: "object",
        description: "Where the provider reads a secret's value, in its own process: exactly one of `env`, `file` and `command`.",
        properties: VALUE_SOURCE_PROPERTIES,
      },
      "github-secrets:index:AppAuth": {
        type: "object",
        description: "A GitHub App installation to authenticate as.",
        properties: {
          id: { type: "string", description: "The App's id or client id." },
          installationId: { type: "string", description: "The installation's numeric id." },
          pemFile: { type: "string", secret: true, description: "The App's private key as PEM text (not a path)." },
        },
        required: ["id", "installationId", "pemFile"],
      },
    },
    resources,
    language: {
      nodejs: { packageName: "@pulumi-github-secrets/sdk", respectSchemaVersion: true },
      python: { packageName: "pulumi_github_secrets", requires: { pulumi: ">=3.0.0,<4.0.0" }, respectSchemaVersion: true },
      go: { importBasePath: "example.com/pulumi-github-secrets/sdk/go/githubsecrets", generateResourceContainerTypes: false, respectSchemaVersion: true },
    },
  });
}

const VALUE_SOURCE_PROPERTIES = {
  env: { type: "string", description: "An environment variable of the `pulumi` command." },
  file: { type: "string", description: "A file's exact contents; a relative path starts at the program's directory." },
  command: {
    type: "array",
    items: { type: "string" },
    description: "A program and its arguments, run without a shell; its output without one trailing newline is the value.",
  },
  timeoutSeconds: { type: "integer", description: "With `command`: stop it after this many seconds (default 30)." },
  passEnvironment: {
    type: "array",
    items: { type: "string" },
    description: "With `command`: credentials of GitHub and Pulumi to pass on, which it does not get otherwise.",
  },
};
