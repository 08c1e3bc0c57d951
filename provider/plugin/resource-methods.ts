import type { Deployment } from "../deployment/deployment";
import { check as checkItem } from "../lifecycle/check";
import { diff as diffItem } from "../lifecycle/diff";
import { scopeOfArguments, scopes, type Scope } from "../scopes";
import type { ResolvedInputs, ResolvedOutputs, ResourceClassName } from "../types";
import { resourceToken } from "./schema";
import { unwrapProperties, wrapProperties, type PropertyMap, type UnwrappedProperties } from "./rpc-values";

/*
 * The plugin's resource methods: each takes the engine's property maps, finds the scope from
 * the type token and the properties, and hands plain values to the same lifecycle functions
 * the dynamic resources use. What comes back is wrapped again: a property that arrived secret
 * leaves secret, and a secret's value, sealed value and fingerprint always do.
 */

type ReadPath = typeof import("../lifecycle/read");
type WritePath = typeof import("../lifecycle/write");
type ImportPath = typeof import("../lifecycle/import");
// Loaded by the first read or write, as for the dynamic resources: a preview never loads the HTTP stack.
const reads = (): ReadPath => require("../lifecycle/read") as ReadPath;
const writes = (): WritePath => require("../lifecycle/write") as WritePath;
const imports = (): ImportPath => require("../lifecycle/import") as ImportPath;

/** Each type token this provider serves, and the class it names. */
const CLASSES = new Map<string, ResourceClassName>(Object.values(scopes).map((scope) => [resourceToken(scope.resourceClass), scope.resourceClass]));

/** The class a type token names: `github-secrets:index:RepoSecret` is `RepoSecret`. */
export function resourceClassOf(type: string): ResourceClassName {
  const resourceClass = CLASSES.get(type);
  if (resourceClass === undefined) throw new Error(`unknown resource type ${type}: this provider serves ${[...CLASSES.keys()].join(", ")}`);
  return resourceClass;
}

/** The type token inside a URN (`urn:pulumi:stack::project::parent$type::name`). */
export function typeOfUrn(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1);
}

/** A secret's value in each form: kept secret in every result, whatever the program passed. */
const SECRET_VALUE_PROPERTIES = ["value", "valueEncrypted", "valueFingerprint"];

function alwaysSecret(scope: Scope): string[] {
  return scope.kind === "secret"
    ? SECRET_VALUE_PROPERTIES
    : // Stryker disable next-line ArrayDeclaration: only the properties a result holds are wrapped, and none has Stryker's name
      [];
}

interface Call {
  scope: Scope;
  /** Plain properties, without `user`, which only chooses the scope. */
  plain: PropertyMap;
  secrets: Set<string>;
  user: boolean;
}

/** The scope and plain properties of `props`; `stateSecrets`, the state's secret properties, stay secret too. */
function call(type: string, props: UnwrappedProperties, stateSecrets: ReadonlySet<string> = new Set()): Call {
  const scope = scopeOfArguments(resourceClassOf(type), props.plain);
  const { user, ...plain } = props.plain;
  return { scope, plain, secrets: new Set([...props.secrets, ...stateSecrets, ...alwaysSecret(scope)]), user: user === true };
}

/** A result's properties for the engine: `user` put back (it chose the scope), secrets wrapped. */
function result(c: Call, properties: object): PropertyMap {
  return wrapProperties({ ...properties, ...(c.user ? { user: true } : {}) }, c.secrets);
}

export async function check(deployment: Deployment, type: string, olds: PropertyMap | undefined, news: PropertyMap | undefined) {
  const oldProps = unwrapProperties(olds);
  const newProps = unwrapProperties(news);
  const c = call(type, newProps);
  const checked = await checkItem(deployment, c.scope.key, withoutUser(oldProps.plain), c.plain);
  const failures = [...checked.failures];
  // `user` is checked here: the dynamic classes have it checked by TypeScript's types.
  const user = newProps.plain.user;
  if (user !== undefined && user !== null && typeof user !== "boolean") failures.push({ property: "user", reason: "`user` must be true or false" });
  return { inputs: result(c, checked.inputs as object), failures };
}

export async function diff(deployment: Deployment, type: string, id: string, olds: PropertyMap | undefined, news: PropertyMap | undefined) {
  const oldProps = unwrapProperties(olds).plain;
  const c = call(type, unwrapProperties(news));
  const compared = await diffItem(deployment, c.scope.key, id, withoutUser(oldProps) as unknown as ResolvedOutputs, c.plain as ResolvedInputs);
  // `user` chooses the scope: a change of it is another item, so a replacement.
  const userChanged = (oldProps.user === true) !== c.user;
  const replaces = [...compared.replaces, ...(userChanged ? ["user"] : [])];
  const changes = compared.changes === true || userChanged;
  return { changes, replaces, deleteBeforeReplace: compared.deleteBeforeReplace, note: changes ? unrecordedValueNote(c.scope, oldProps) : undefined };
}

/**
 * Why a secret is written although its program did not change: the state holds no trace of
 * its value, because it was imported (GitHub never returns a secret's value) or a refresh saw it
 * changed elsewhere. Said in the preview, so that the write is no surprise.
 */
function unrecordedValueNote(scope: Scope, olds: PropertyMap): string | undefined {
  if (scope.kind !== "secret" || SECRET_VALUE_PROPERTIES.some((key) => olds[key] !== undefined && olds[key] !== null)) return undefined;
  return `the state holds no value for this ${scope.title}: it was imported, or a refresh found it changed outside Pulumi, and GitHub never returns a secret's value. This update writes the program's value once.`;
}

export async function create(deployment: Deployment, type: string, inputs: PropertyMap | undefined) {
  const c = call(type, unwrapProperties(inputs));
  const created = await writes().create(deployment, c.scope.key, c.plain as ResolvedInputs);
  return { id: created.id, properties: result(c, created.outs ?? {}) };
}

export async function update(deployment: Deployment, type: string, id: string, olds: PropertyMap | undefined, news: PropertyMap | undefined) {
  const oldProps = unwrapProperties(olds);
  const c = call(type, unwrapProperties(news), oldProps.secrets);
  const updated = await writes().update(deployment, c.scope.key, id, withoutUser(oldProps.plain) as unknown as ResolvedOutputs, c.plain as ResolvedInputs);
  return result(c, updated.outs ?? {});
}

export async function remove(deployment: Deployment, type: string, id: string, properties: PropertyMap | undefined) {
  const c = call(type, unwrapProperties(properties));
  await writes().delete(deployment, c.scope.key, id, c.plain as unknown as ResolvedOutputs);
}

/**
 * Refresh, or import when the engine knows nothing but the id. A refresh keeps the inputs the
 * program gave; an import gives the engine the item's inputs to record and to write code from.
 */
export async function read(deployment: Deployment, type: string, id: string, properties: PropertyMap | undefined, inputs: PropertyMap | undefined) {
  const props = unwrapProperties(properties);
  if (Object.keys(props.plain).length === 0) {
    const imported = await imports().importItem(deployment, resourceClassOf(type), id);
    if (!imported) return { id: "", properties: {}, inputs: {} };
    const c = call(type, unwrapProperties(imported.inputs as PropertyMap));
    return { id: imported.id, properties: result(c, imported.props), inputs: result(c, imported.inputs) };
  }
  const c = call(type, props);
  const refreshed = await reads().read(deployment, c.scope.key, id, c.plain as unknown as ResolvedOutputs);
  if (!refreshed.id) return { id: "", properties: {}, inputs: {} };
  return { id: refreshed.id, properties: result(c, refreshed.props ?? {}), inputs: inputs ?? {} };
}

function withoutUser(plain: PropertyMap): PropertyMap {
  const { user: _user, ...rest } = plain;
  return rest;
}
