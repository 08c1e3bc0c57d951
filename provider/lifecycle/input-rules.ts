import type * as pulumi from "@pulumi/pulumi";
import { isPresent, isUnknown } from "./engine-values";
import type { Scope } from "../scopes";
import { checkSecretValue, checkVariableValue } from "../values/value-rules";
import type { DriftPolicy, IdentityProperty, Visibility } from "../types";

export { UNKNOWN } from "./engine-values";
export { MAX_VALUE_BYTES } from "../values/value-rules";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Users and organizations: letters, digits, single hyphens; `_` for Enterprise Managed Users. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9_])){0,38}$/;
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;
/** GitHub's repository names: the characters above, but never `.` or `..` (they are paths). */
const isRepositoryName = (name: string): boolean => REPOSITORY.test(name) && name !== "." && name !== "..";
const VISIBILITIES: readonly Visibility[] = ["all", "private", "selected"];
const DRIFT_POLICIES: readonly DriftPolicy[] = ["overwrite", "ignore", "fail"];


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
  // Stryker disable next-line ConditionalExpression: the unknown marker (a UUID) is a valid account, repository and environment name anyway
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
  const problem = nameProblem(name);
  return problem && `${kind} name "${name}" ${problem}`;
}

/** What is wrong with a name, without the name (a `.env` key that fails may be a piece of a value). */
export function nameProblem(name: string): string | undefined {
  if (!NAME.test(name)) {
    return /^[0-9]/.test(name) ? "must not start with a digit" : "may contain only letters, digits and underscores ([A-Za-z0-9_])";
  }
  if (/^GITHUB_/i.test(name)) return "must not start with the reserved prefix GITHUB_";
  return undefined;
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
    // Stryker disable next-line MethodExpression: upper case would be the same canonical form for spotting a repeated repository
    const canonical = String(ref).toLowerCase();
    if (seen.has(canonical)) fail(`selectedRepositories[${i}]`, `repository ${JSON.stringify(ref)} is listed twice`);
    seen.add(canonical);
  });
}

function repositoryReferenceRule(ref: unknown): string | undefined {
  if (typeof ref === "number") return repositoryIdRule(ref, String(ref));
  if (typeof ref !== "string" || ref === "") return "each repository must be a name (`repo` or `owner/repo`) or a numeric id";
  // Digits are an id, sent to GitHub as a number: the same rule as a numeric id ("0" or one
  // beyond 2^53 - 1 would reach GitHub as 0 or as another, rounded, id).
  if (/^[0-9]+$/.test(ref)) return repositoryIdRule(Number(ref), JSON.stringify(ref));
  const parts = ref.split("/");
  if (parts.length > 2) return `repository "${ref}" must be \`repo\` or \`owner/repo\``;
  const repo = parts.at(-1)!;
  if (parts.length === 2 && !OWNER.test(parts[0]!)) return `repository "${ref}" has an invalid account name "${parts[0]}"`;
  if (!isRepositoryName(repo)) return `repository "${ref}" has an invalid repository name "${repo}"`;
  return undefined;
}

function repositoryIdRule(id: number, shown: string): string | undefined {
  return Number.isSafeInteger(id) && id > 0 ? undefined : `repository id ${shown} must be a positive integer`;
}

