import type * as pulumi from "@pulumi/pulumi";
import { applyStackConfiguration, currentConfiguration } from "./configuration";
import { capitalize, explainFailure, GitHubSecretsError, redact, statusOf } from "./errors";
import { clientsFor, type GitHubClients } from "./github-client";
import { forgetPublicKey, publicKeyFor } from "./public-keys";
import { resolveRepositoryIds } from "./repositories";
import { sealForGitHub } from "./sealing";
import { collection, scopeFor, type Scope } from "./scopes";
import type { IdentityProperty, ProviderConfiguration, ResolvedInputs, ResolvedOutputs, ScopeKey } from "./types";
import { checkInputs } from "./validation";
import { recordWrite, writtenByAnotherResource } from "./write-journal";

/*
 * The one implementation of check, diff, create, read, update and delete, for every scope
 * in `scopes.ts`. The serialized dynamic provider (`dynamic-provider.ts`) only forwards here.
 */

export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  applyStackConfiguration(request.config);
}

export async function check(
  key: ScopeKey,
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult> {
  return checkInputs(scopeFor(key), news, currentConfiguration().owner);
}

/**
 * Compares the old outputs with the new inputs without calling GitHub (a preview sends no
 * request). Names, accounts and environments compare case-insensitively, as GitHub treats
 * them; a change of letter case alone is no change.
 */
export async function diff(
  key: ScopeKey,
  _id: string,
  olds: ResolvedOutputs,
  news: ResolvedInputs,
): Promise<pulumi.dynamic.DiffResult> {
  const scope = scopeFor(key);
  const replaces = [...scope.identity, scope.nameProperty].filter(
    (property) => !sameText(olds[property], news[property]),
  );
  const updates = [
    ...(valueChanged(olds, news) ? ["value"] : []),
    ...(olds.visibility !== news.visibility && scope.selection === "organization" ? ["visibility"] : []),
    ...(!sameSelection(olds.selectedRepositories, news.selectedRepositories) ? ["selectedRepositories"] : []),
  ];
  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces,
    deleteBeforeReplace: false,
  } satisfies pulumi.dynamic.DiffResult;
}

export async function create(key: ScopeKey, inputs: ResolvedInputs): Promise<pulumi.dynamic.CreateResult<ResolvedOutputs>> {
  const operation = begin(key, inputs, "creating");
  const outs = await write(operation, inputs, undefined);
  return { id: operation.target.itemPath, outs } satisfies pulumi.dynamic.CreateResult<ResolvedOutputs>;
}

export async function update(
  key: ScopeKey,
  _id: string,
  olds: ResolvedOutputs,
  news: ResolvedInputs,
): Promise<pulumi.dynamic.UpdateResult<ResolvedOutputs>> {
  const operation = begin(key, news, "updating");
  const outs = await write(operation, news, olds);
  return { outs } satisfies pulumi.dynamic.UpdateResult<ResolvedOutputs>;
}

/**
 * Refresh. A missing item means the resource is gone. A secret's value cannot be read
 * back, so a newer `updated_at` than the one this resource wrote means somebody else wrote
 * it: the value is dropped from the state, and the next `pulumi up` writes it again.
 * Variables are compared by value, exactly.
 */
export async function read(
  key: ScopeKey,
  id: string,
  props: ResolvedOutputs | undefined,
): Promise<pulumi.dynamic.ReadResult<ResolvedOutputs>> {
  if (!props) return {};
  const operation = begin(key, props, "reading");
  const { scope, target, clients } = operation;
  let remote: RemoteItem;
  try {
    remote = (await clients.api.request({ method: "GET", url: target.itemPath })).data as RemoteItem;
  } catch (error) {
    if (statusOf(error) === 404) return {};
    throw operation.fail(error);
  }
  const outs: ResolvedOutputs = { ...withoutProvider(props), createdAt: remote.created_at, updatedAt: remote.updated_at };
  if (scope.kind === "variable") {
    outs.value = remote.value;
  } else if (isNewer(remote.updated_at, props.updatedAt)) {
    delete outs.value;
    delete outs.valueEncrypted;
  }
  if (scope.selection === "organization" && remote.visibility) outs.visibility = remote.visibility;
  const selected = scope.selection === "user" || remote.visibility === "selected";
  if (scope.selection !== "none" && selected && props.selectedRepositoryIds) {
    const remoteIds = await listSelection(operation);
    if (!sameIds(remoteIds, props.selectedRepositoryIds)) {
      outs.selectedRepositoryIds = remoteIds;
      outs.selectedRepositories = remoteIds;
    }
  }
  return { id, props: outs } satisfies pulumi.dynamic.ReadResult<ResolvedOutputs>;
}

/** Deletes the item; one that is already gone counts as deleted. */
async function remove(key: ScopeKey, _id: string, props: ResolvedOutputs): Promise<void> {
  const operation = begin(key, props, "deleting");
  const { target, configuration, clients } = operation;
  if (writtenByAnotherResource(configuration.baseUrl, target.itemPath, props.updatedAt)) {
    // Another resource of this deployment now holds this item (a replacement or a rename
    // onto the same name); deleting would take it away from that resource.
    return;
  }
  try {
    await clients.api.request({ method: "DELETE", url: target.itemPath });
  } catch (error) {
    if (statusOf(error) !== 404) throw operation.fail(error);
  }
}

// ---------------------------------------------------------------------------------------

interface RemoteItem {
  name: string;
  value?: string;
  created_at: string;
  updated_at: string;
  visibility?: ResolvedInputs["visibility"];
}

interface Target {
  readonly identity: Readonly<Record<IdentityProperty, string>>;
  readonly name: string;
  readonly basePath: string;
  readonly itemPath: string;
  /** "DB_PASS in octo-org/app" */
  readonly label: string;
}

interface Operation {
  readonly scope: Scope;
  readonly target: Target;
  readonly configuration: ProviderConfiguration;
  readonly clients: GitHubClients;
  fail(error: unknown): Error;
}

function begin(key: ScopeKey, props: ResolvedInputs, action: string): Operation {
  const scope = scopeFor(key);
  const configuration = currentConfiguration();
  const target = targetOf(scope, props);
  if (!configuration.token) {
    throw new GitHubSecretsError(
      `${capitalize(action)} ${scope.title} ${target.label} needs a GitHub token: ` +
        "run `pulumi config set --secret github:token …`, or set GITHUB_TOKEN or GH_TOKEN",
    );
  }
  return {
    scope,
    target,
    configuration,
    clients: clientsFor(configuration),
    fail: (error) =>
      error instanceof GitHubSecretsError
        ? new GitHubSecretsError(redact(error.message, [configuration.token, props.value]), error.status)
        : explainFailure(error, {
            action,
            scope,
            target: target.label,
            baseUrl: configuration.baseUrl,
            redact: [configuration.token, props.value],
          }),
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

/**
 * Writes the item, then reads it back for GitHub's timestamps: the `updated_at` of our own
 * write is what refresh later compares against to notice changes made elsewhere.
 */
async function write(operation: Operation, inputs: ResolvedInputs, olds: ResolvedOutputs | undefined): Promise<ResolvedOutputs> {
  const { scope, target, configuration, clients } = operation;
  try {
    const selectedRepositoryIds = await selectionIds(operation, inputs);
    const selectionOnly =
      olds !== undefined &&
      !valueChanged(olds, inputs) &&
      olds.visibility === inputs.visibility &&
      selectedRepositoryIds !== undefined &&
      (scope.selection === "user" || inputs.visibility === "selected");
    if (selectionOnly) {
      // The value stays as it is on GitHub: only the list of repositories is replaced.
      await clients.api.request({
        method: "PUT",
        url: `${target.itemPath}/repositories`,
        selected_repository_ids: selectedRepositoryIds,
      });
    } else {
      // Sent with every full write, so a value change keeps visibility and selection.
      const selection = {
        ...(scope.selection === "organization" ? { visibility: inputs.visibility } : {}),
        ...(selectedRepositoryIds !== undefined ? { selected_repository_ids: selectedRepositoryIds } : {}),
      };
      if (scope.kind === "secret") await putSecret(operation, inputs, selection);
      else await writeVariable(operation, inputs, olds, selection);
    }
    recordWrite(configuration.baseUrl, target.itemPath);
    const written = (await clients.afterWrite.request({ method: "GET", url: target.itemPath })).data as RemoteItem;
    recordWrite(configuration.baseUrl, target.itemPath, written.updated_at);
    return {
      ...withoutProvider(inputs),
      ...(selectedRepositoryIds !== undefined ? { selectedRepositoryIds } : {}),
      createdAt: written.created_at,
      updatedAt: written.updated_at,
    } satisfies ResolvedOutputs;
  } catch (error) {
    throw operation.fail(error);
  }
}

/** Visibility and repository ids, as GitHub's write bodies name them. */
type SelectionBody = { visibility?: ResolvedInputs["visibility"]; selected_repository_ids?: number[] };

async function putSecret(operation: Operation, inputs: ResolvedInputs, selection: SelectionBody): Promise<void> {
  const { target, configuration, clients } = operation;
  const put = (sealed: { encrypted_value: string; key_id: string }) =>
    clients.api.request({ method: "PUT", url: target.itemPath, ...sealed, ...selection });

  if (inputs.valueEncrypted !== undefined) {
    await put({ encrypted_value: inputs.valueEncrypted, key_id: inputs.keyId! });
    return;
  }
  const seal = async () => {
    const key = await publicKeyFor(clients.api, configuration.baseUrl, target.basePath);
    return { encrypted_value: sealForGitHub(inputs.value ?? "", key.key), key_id: key.key_id };
  };
  try {
    await put(await seal());
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    // The cached key may have been rotated since this deployment fetched it: seal once more
    // with the current key before reporting the rejection.
    forgetPublicKey(configuration.baseUrl, target.basePath);
    await put(await seal());
  }
}

async function writeVariable(
  operation: Operation,
  inputs: ResolvedInputs,
  olds: ResolvedOutputs | undefined,
  selection: SelectionBody,
): Promise<void> {
  const { target, clients } = operation;
  const post = () =>
    clients.api.request({
      method: "POST",
      url: `${target.basePath}/variables`,
      name: target.name,
      value: inputs.value ?? "",
      ...selection,
    });
  const patch = () =>
    clients.api.request({ method: "PATCH", url: target.itemPath, name: target.name, value: inputs.value ?? "", ...selection });
  if (olds === undefined) {
    try {
      await post();
    } catch (error) {
      // Already there (made by hand, or by a resource this one replaces): adopt it.
      if (statusOf(error) !== 409) throw error;
      await patch();
    }
    return;
  }
  try {
    await patch();
  } catch (error) {
    // Deleted behind our back since the last refresh: create it again.
    if (statusOf(error) !== 404) throw error;
    await post();
  }
}

async function selectionIds(operation: Operation, inputs: ResolvedInputs): Promise<number[] | undefined> {
  const { scope, target, clients } = operation;
  if (scope.selection === "none" || inputs.selectedRepositories === undefined) return undefined;
  if (scope.selection === "organization" && inputs.visibility !== "selected") return undefined;
  return resolveRepositoryIds(clients.api, inputs.selectedRepositories, target.identity.org);
}

async function listSelection(operation: Operation): Promise<number[]> {
  const { target, clients } = operation;
  const repositories = await clients.api.paginate<{ id: number }>(
    { method: "GET", url: `${target.itemPath}/repositories`, per_page: 100 } as never,
  );
  return repositories.map((r) => r.id).sort((a, b) => a - b);
}

function valueChanged(olds: ResolvedInputs, news: ResolvedInputs): boolean {
  return olds.value !== news.value || olds.valueEncrypted !== news.valueEncrypted || olds.keyId !== news.keyId;
}

function sameText(a: unknown, b: unknown): boolean {
  return String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase();
}

function sameSelection(a: ResolvedInputs["selectedRepositories"], b: ResolvedInputs["selectedRepositories"]): boolean {
  const canonical = (list: typeof a) => (list ?? []).map((r) => String(r).toLowerCase()).sort().join("\n");
  return (a === undefined) === (b === undefined) && canonical(a) === canonical(b);
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const sorted = (ids: readonly number[]) => [...ids].sort((x, y) => x - y).join(",");
  return sorted(a) === sorted(b);
}

function isNewer(remote: string, recorded: string | undefined): boolean {
  return recorded === undefined || Date.parse(remote) > Date.parse(recorded);
}

function withoutProvider<T extends object>(props: T): T {
  const { __provider: _, ...rest } = props as T & { __provider?: unknown };
  return rest as T;
}

export { remove as delete };
