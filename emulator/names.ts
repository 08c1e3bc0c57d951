// Secret and variable names: [A-Za-z0-9_], not starting with a digit, not starting with
// GITHUB_ (case-insensitive); stored upper-case, looked up case-insensitively.

import { ApiError } from "./api-error";

export type NamedThing = "secret" | "variable";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function canonicalName(name: string): string {
  return name.toUpperCase();
}

/** Why `name` is not a valid secret/variable name, or undefined when it is. */
export function nameProblem(kind: NamedThing, name: string): string | undefined {
  const Kind = kind === "secret" ? "Secret" : "Variable";
  if (!NAME.test(name)) {
    return (
      `${Kind} names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). ` +
      "Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_)."
    );
  }
  if (name.toUpperCase().startsWith("GITHUB_")) return `${Kind} names must not start with GITHUB_.`;
  return undefined;
}

/** The canonical (upper-case) name, or a 422. */
export function requireValidName(kind: NamedThing, name: string): string {
  const problem = nameProblem(kind, name);
  if (problem !== undefined) {
    throw new ApiError(422, problem, {
      errors: [{ resource: kind === "secret" ? "Secret" : "ActionsVariable", field: "name", code: "invalid", message: problem }],
    });
  }
  return canonicalName(name);
}
