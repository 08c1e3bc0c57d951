import type * as pulumi from "@pulumi/pulumi";
import { SEALED_BOX_OVERHEAD } from "./sealing";
import type { Scope } from "./scopes";
import type { DriftPolicy, IdentityProperty, Visibility } from "./types";

/** What the engine sends for a value not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** GitHub: "Secrets can store up to 48 KB"; the same limit holds for variables. */
export const MAX_VALUE_BYTES = 48 * 1024;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Users and organizations: letters, digits, single hyphens; `_` for Enterprise Managed Users. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9_])){0,38}$/;
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;
/** GitHub's repository names: the characters above, but never `.` or `..` (they are paths). */
const isRepositoryName = (name: string): boolean => REPOSITORY.test(name) && name !== "." && name !== "..";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const VISIBILITIES: readonly Visibility[] = ["all", "private", "selected"];
const DRIFT_POLICIES: readonly DriftPolicy[] = ["overwrite", "ignore", "fail"];
/** A command that runs longer is stopped anyway; an hour is far beyond any sign-in prompt. */
const MAX_COMMAND_TIMEOUT_SECONDS = 3600;

const isUnknown = (v: unknown): boolean => v === UNKNOWN;
const isPresent = (v: unknown): boolean => v !== undefined && v !== null;

type Failure = pulumi.dynamic.CheckFailure;

/**
 * Inputs that may carry a secret: a plaintext, a sealed value, or a variable's value (the
 * engine strips the secret flag before the provider sees an input, so a variable passed as
 * `pulumi.secret(…)` cannot be told apart and counts as secret too).
 *
 * The engine prints a failure that names a property together with that property's whole
 * input, secret or not: `resource 'x': property value value {<the input>} has a problem: …`
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go, `issueCheckFailures`). A failure
 * about one of these properties therefore names no property — the engine then prints
 * `resource 'x' has a problem: …` — and its reason names the property and the rule. An input
 * that may carry a secret gets the same treatment by being listed here.
 */
export const SECRET_BEARING_PROPERTIES: ReadonlySet<string> = new Set(["value", "valueEncrypted"]);

/** A failure the engine can print without quoting a secret (see SECRET_BEARING_PROPERTIES). */
export function checkFailure(property: string, reason: string): Failure {
  return { property: SECRET_BEARING_PROPERTIES.has(property) ? "" : property, reason };
}

/**
 * Checks and normalises a resource's inputs before any API call: the engine shows the
 * failures, each naming the property and the rule (in the reason alone for secret-bearing
 * properties), and stops the deployment there.
 * Values not yet known (preview) pass through unchecked; they are checked again when known.
 */
export function checkInputs(
  scope: Scope,
  news: Record<string, unknown>,
  defaultOwner: string | undefined,
): { inputs: Record<string, unknown>; failures: Failure[] } {
  const failures: Failure[] = [];
  const inputs: Record<string, unknown> = { ...news };
  const fail = (property: string, reason: string) => failures.push(checkFailure(property, reason));

  for (const property of scope.identity) {
    checkIdentity(property, inputs, defaultOwner, fail);
  }
  for (const property of ["owner", "repository", "environment", "org"] as const) {
    if (!scope.identity.includes(property) && isPresent(inputs[property])) {
      fail(property, `a ${scope.title} has no \`${property}\`; it is identified by ${describeIdentity(scope)}`);
    }
  }

  const nameProperty = scope.nameProperty;
  const name = inputs[nameProperty];
  if (!isUnknown(name)) {
    const reason = nameRule(name, scope.kind);
    if (reason) fail(nameProperty, reason);
    else inputs[nameProperty] = (name as string).toUpperCase();
  }

  if (scope.kind === "secret") checkSecretValue(inputs, fail);
  else checkVariableValue(inputs, fail);
  const { onDrift } = inputs;
  if (isPresent(onDrift) && !isUnknown(onDrift) && !DRIFT_POLICIES.includes(onDrift as DriftPolicy)) {
    fail("onDrift", `\`onDrift\` must be one of ${DRIFT_POLICIES.map((p) => `"${p}"`).join(", ")}, got ${JSON.stringify(onDrift)}`);
  }

  checkSelection(scope, inputs, fail);
  return { inputs, failures };
}

function describeIdentity(scope: Scope): string {
  return scope.identity.length === 0
    ? "the authenticated user"
    : scope.identity.map((p) => `\`${p}\``).join(", ");
}

function checkIdentity(
  property: IdentityProperty,
  inputs: Record<string, unknown>,
  defaultOwner: string | undefined,
  fail: (property: string, reason: string) => void,
): void {
  let value = inputs[property];
  if (isUnknown(value)) return;
  if (!isPresent(value) || value === "") {
    if ((property === "owner" || property === "org") && defaultOwner) {
      inputs[property] = value = defaultOwner;
    } else {
      const hint =
        property === "owner" || property === "org"
          ? "; set it on the resource, or configure a default with `pulumi config set github:owner NAME` or GITHUB_OWNER"
          : "";
      fail(property, `\`${property}\` is required${hint}`);
      return;
    }
  }
  if (typeof value !== "string") {
    fail(property, `\`${property}\` must be a string, got ${typeof value}`);
    return;
  }
  switch (property) {
    case "owner":
    case "org":
      if (!OWNER.test(value)) {
        fail(
          property,
          `\`${property}\` "${value}" is not a valid GitHub account name: 1-39 letters, digits or single hyphens, not starting or ending with a hyphen`,
        );
      }
      return;
    case "repository":
      if (value.includes("/")) {
        fail(property, `\`repository\` "${value}" must be the repository's name only; put the account in \`owner\``);
      } else if (!isRepositoryName(value)) {
        fail(property, `\`repository\` "${value}" is not a valid repository name: 1-100 letters, digits, \`.\`, \`-\` or \`_\``);
      }
      return;
    case "environment":
      if (value.trim() !== value || value.length > 255 || /[\u0000-\u001f\u007f]/.test(value)) {
        fail(
          property,
          "`environment` must be 1-255 characters without leading or trailing spaces or control characters",
        );
      }
      return;
  }
}

/** GitHub's naming rules: https://docs.github.com/en/actions/security-guides/using-secrets-in-github-actions#naming-your-secrets */
export function nameRule(name: unknown, kind: "secret" | "variable"): string | undefined {
  const property = kind === "secret" ? "secretName" : "variableName";
  if (!isPresent(name) || name === "") return `\`${property}\` is required`;
  if (typeof name !== "string") return `\`${property}\` must be a string, got ${typeof name}`;
  if (!NAME.test(name)) {
    return /^[0-9]/.test(name)
      ? `${kind} name "${name}" must not start with a digit`
      : `${kind} name "${name}" may contain only letters, digits and underscores ([A-Za-z0-9_])`;
  }
  if (/^GITHUB_/i.test(name)) return `${kind} name "${name}" must not start with the reserved prefix GITHUB_`;
  return undefined;
}

function checkSecretValue(inputs: Record<string, unknown>, fail: (property: string, reason: string) => void): void {
  const { value, valueEncrypted, valueFrom, keyId } = inputs;
  const hasValue = isPresent(value);
  const hasEncrypted = isPresent(valueEncrypted);
  const hasSource = isPresent(valueFrom);
  if ([hasValue, hasEncrypted, hasSource].filter(Boolean).length !== 1) {
    fail(
      hasSource ? "valueFrom" : hasValue ? "valueEncrypted" : "value",
      "exactly one of `value` (plaintext, sealed by this provider), `valueEncrypted` (sealed elsewhere, with `keyId`) or `valueFrom` (read by the provider, never stored) must be set",
    );
  }
  // Each value given is checked even when several are, so that one run reports every problem.
  if (hasValue) checkValueSize("value", value, fail);
  if (hasSource && !isUnknown(valueFrom)) {
    const reason = valueSourceRule(valueFrom);
    if (reason) fail("valueFrom", reason);
  }
  if (hasEncrypted) {
    if (!isPresent(keyId) || keyId === "") fail("keyId", "`keyId` is required with `valueEncrypted`: the id of the public key the value was sealed with");
    else if (!isUnknown(keyId) && typeof keyId !== "string") fail("keyId", "`keyId` must be a string");
    checkSealedValue(valueEncrypted, fail);
  } else if ((hasValue || hasSource) && isPresent(keyId)) {
    fail("keyId", `\`keyId\` goes with \`valueEncrypted\` only; ${hasValue ? "a plaintext `value`" : "a `valueFrom` value"} is sealed with GitHub's current key`);
  }
}

function checkSealedValue(valueEncrypted: unknown, fail: (property: string, reason: string) => void): void {
  if (isUnknown(valueEncrypted)) return;
  if (typeof valueEncrypted !== "string" || !BASE64.test(valueEncrypted)) {
    fail("valueEncrypted", "`valueEncrypted` must be standard base64 (not URL-safe) of a libsodium sealed box");
    return;
  }
  const bytes = Buffer.byteLength(valueEncrypted, "base64");
  if (bytes < SEALED_BOX_OVERHEAD) {
    fail("valueEncrypted", `\`valueEncrypted\` is ${bytes} bytes; a sealed box is at least ${SEALED_BOX_OVERHEAD} bytes`);
  } else if (bytes - SEALED_BOX_OVERHEAD > MAX_VALUE_BYTES) {
    fail("valueEncrypted", `\`valueEncrypted\` holds ${bytes - SEALED_BOX_OVERHEAD} bytes; GitHub allows at most ${MAX_VALUE_BYTES} bytes (48 KB)`);
  }
}

function checkVariableValue(inputs: Record<string, unknown>, fail: (property: string, reason: string) => void): void {
  for (const property of ["valueEncrypted", "keyId"]) {
    if (isPresent(inputs[property])) fail(property, `variables are not encrypted; \`${property}\` does not apply`);
  }
  if (isPresent(inputs.valueFrom)) {
    fail("valueFrom", "`valueFrom` is for secrets; a variable's value is not secret: GitHub shows it and refresh reads it back");
  }
  if (!isPresent(inputs.value)) {
    fail("value", "`value` is required");
    return;
  }
  checkValueSize("value", inputs.value, fail);
}

/** `valueFrom`: exactly one of `{ env }`, `{ file }` or `{ command[, timeoutSeconds] }`, each well formed. */
export function valueSourceRule(source: unknown): string | undefined {
  const shapes = '`{ env: "NAME" }`, `{ file: "path" }` or `{ command: ["program", "arg", …] }`';
  if (typeof source !== "object" || source === null || Array.isArray(source)) return `\`valueFrom\` must be one of ${shapes}`;
  const fields = source as Record<string, unknown>;
  const given = Object.keys(fields).filter((k) => isPresent(fields[k]));
  const kinds = given.filter((k) => k === "env" || k === "file" || k === "command");
  const unexpected = given.filter((k) => !["env", "file", "command", "timeoutSeconds"].includes(k));
  if (unexpected.length > 0) return `\`valueFrom\` has no field ${unexpected.map((k) => `\`${k}\``).join(", ")}; it is one of ${shapes}`;
  if (kinds.length !== 1) return `\`valueFrom\` must have exactly one of \`env\`, \`file\` or \`command\`${kinds.length > 1 ? `, not ${kinds.join(" and ")}` : ""}`;
  const text = (v: unknown) => isUnknown(v) || (typeof v === "string" && v !== "" && !v.includes("\0"));
  const { env, file, command, timeoutSeconds } = fields;
  if (isPresent(timeoutSeconds) && kinds[0] !== "command") return "`valueFrom.timeoutSeconds` goes with `command` only";
  switch (kinds[0]) {
    case "env":
      return text(env) && !String(env).includes("=") ? undefined : "`valueFrom.env` must be the name of an environment variable";
    case "file":
      return text(file) ? undefined : "`valueFrom.file` must be a path: absolute, or relative to the program's directory";
    default:
      if (isUnknown(command)) return undefined;
      if (!Array.isArray(command) || command.length === 0 || !command.every(text)) {
        return "`valueFrom.command` must be a non-empty list of non-empty strings, the program first (it runs without a shell)";
      }
      if (isPresent(timeoutSeconds) && !isUnknown(timeoutSeconds)) {
        const seconds = timeoutSeconds as number;
        if (typeof seconds !== "number" || !(seconds > 0) || seconds > MAX_COMMAND_TIMEOUT_SECONDS) {
          return `\`valueFrom.timeoutSeconds\` must be a number of seconds above 0 and at most ${MAX_COMMAND_TIMEOUT_SECONDS}`;
        }
      }
      return undefined;
  }
}

function checkValueSize(property: string, value: unknown, fail: (property: string, reason: string) => void): void {
  if (isUnknown(value)) return;
  if (typeof value !== "string") {
    fail(property, `\`${property}\` must be a string, got ${typeof value}`);
    return;
  }
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes > MAX_VALUE_BYTES) {
    fail(property, `\`${property}\` is ${bytes} bytes; GitHub allows at most ${MAX_VALUE_BYTES} bytes (48 KB)`);
  }
}

function checkSelection(scope: Scope, inputs: Record<string, unknown>, fail: (property: string, reason: string) => void): void {
  const { visibility, selectedRepositories } = inputs;
  if (scope.selection === "none") {
    for (const property of ["visibility", "selectedRepositories"]) {
      if (isPresent(inputs[property])) fail(property, `a ${scope.title} has no \`${property}\`: it belongs to one ${scope.identity.includes("environment") ? "environment" : "repository"}`);
    }
    return;
  }
  if (scope.selection === "user") {
    if (isPresent(visibility)) fail("visibility", `a ${scope.title} has no \`visibility\`: list the repositories that may use it in \`selectedRepositories\``);
  } else if (!isUnknown(visibility)) {
    if (!isPresent(visibility)) {
      // The least exposure unless a selection says otherwise.
      inputs.visibility = isPresent(selectedRepositories) ? "selected" : "private";
    } else if (!VISIBILITIES.includes(visibility as Visibility)) {
      fail("visibility", `\`visibility\` must be one of ${VISIBILITIES.map((v) => `"${v}"`).join(", ")}, got ${JSON.stringify(visibility)}`);
      return;
    } else if (isPresent(selectedRepositories) && visibility !== "selected") {
      fail("selectedRepositories", `\`selectedRepositories\` applies only with \`visibility: "selected"\` (visibility is "${visibility}")`);
      return;
    }
  }
  if (!isPresent(selectedRepositories) || isUnknown(selectedRepositories)) return;
  if (!Array.isArray(selectedRepositories)) {
    fail("selectedRepositories", "`selectedRepositories` must be a list of repository names or numeric ids");
    return;
  }
  const seen = new Set<string>();
  selectedRepositories.forEach((ref, i) => {
    if (isUnknown(ref)) return;
    const reason = repositoryReferenceRule(ref);
    if (reason) fail(`selectedRepositories[${i}]`, reason);
    const canonical = String(ref).toLowerCase();
    if (seen.has(canonical)) fail(`selectedRepositories[${i}]`, `repository ${JSON.stringify(ref)} is listed twice`);
    seen.add(canonical);
  });
}

function repositoryReferenceRule(ref: unknown): string | undefined {
  if (typeof ref === "number") {
    return Number.isSafeInteger(ref) && ref > 0 ? undefined : `repository id ${ref} must be a positive integer`;
  }
  if (typeof ref !== "string" || ref === "") return "each repository must be a name (`repo` or `owner/repo`) or a numeric id";
  if (/^[0-9]+$/.test(ref)) return undefined;
  const parts = ref.split("/");
  if (parts.length > 2) return `repository "${ref}" must be \`repo\` or \`owner/repo\``;
  const [owner, repo] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (owner !== undefined && !OWNER.test(owner)) return `repository "${ref}" has an invalid account name "${owner}"`;
  if (!isRepositoryName(repo!)) return `repository "${ref}" has an invalid repository name "${repo}"`;
  return undefined;
}

