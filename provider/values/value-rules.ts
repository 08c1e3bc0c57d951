import { isPresent, isUnknown } from "../lifecycle/engine-values";
import { SEALED_BOX_OVERHEAD } from "./sealing";

/*
 * check's rules for an item's value: `value`, `valueEncrypted` (+ `keyId`) and `valueFrom`
 * for secrets, `value` for variables. `validation.ts` runs them with the other rules.
 */

/** GitHub: "Secrets can store up to 48 KB"; the same limit holds for variables. */
export const MAX_VALUE_BYTES = 48 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** A command that runs longer is stopped anyway; an hour is far beyond any sign-in prompt. */
const MAX_COMMAND_TIMEOUT_SECONDS = 3600;

type Fail = (property: string, reason: string) => void;

export function checkSecretValue(inputs: Record<string, unknown>, fail: Fail): void {
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

function checkSealedValue(valueEncrypted: unknown, fail: Fail): void {
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

export function checkVariableValue(inputs: Record<string, unknown>, fail: Fail): void {
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

/** `valueFrom`: exactly one of `{ env }`, `{ file }` or `{ command[, timeoutSeconds][, passEnvironment] }`, each well formed. */
export function valueSourceRule(source: unknown): string | undefined {
  const shapes = '`{ env: "NAME" }`, `{ file: "path" }` or `{ command: ["program", "arg", …] }`';
  if (typeof source !== "object" || source === null || Array.isArray(source)) return `\`valueFrom\` must be one of ${shapes}`;
  const fields = source as Record<string, unknown>;
  const given = Object.keys(fields).filter((k) => isPresent(fields[k]));
  const kinds = given.filter((k) => k === "env" || k === "file" || k === "command");
  const unexpected = given.filter((k) => !["env", "file", "command", "timeoutSeconds", "passEnvironment"].includes(k));
  if (unexpected.length > 0) return `\`valueFrom\` has no field ${unexpected.map((k) => `\`${k}\``).join(", ")}; it is one of ${shapes}`;
  if (kinds.length !== 1) return `\`valueFrom\` must have exactly one of \`env\`, \`file\` or \`command\`${kinds.length === 0 ? "" : `, not ${kinds.join(" and ")}`}`;
  const text = (v: unknown) => isUnknown(v) || (typeof v === "string" && v !== "" && !v.includes("\0"));
  const { env, file, command, timeoutSeconds, passEnvironment } = fields;
  for (const [property, value] of [["timeoutSeconds", timeoutSeconds], ["passEnvironment", passEnvironment]] as const) {
    if (isPresent(value) && kinds[0] !== "command") return `\`valueFrom.${property}\` goes with \`command\` only`;
  }
  const variableName = (v: unknown) => text(v) && !String(v).includes("=");
  switch (kinds[0]) {
    case "env":
      return variableName(env) ? undefined : "`valueFrom.env` must be the name of an environment variable";
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
      if (isPresent(passEnvironment) && !isUnknown(passEnvironment) && !(Array.isArray(passEnvironment) && passEnvironment.every(variableName))) {
        return "`valueFrom.passEnvironment` must be a list of environment variable names (each non-empty, without `=`), the credentials the command may have";
      }
      return undefined;
  }
}

function checkValueSize(property: string, value: unknown, fail: Fail): void {
  // Stryker disable next-line ConditionalExpression: the unknown marker is a short string, which the rules below accept anyway
  if (isUnknown(value)) return;
  if (typeof value !== "string") {
    fail(property, `\`${property}\` must be a string, got ${typeof value}`);
    return;
  }
  // Stryker disable next-line StringLiteral: Buffer.byteLength(text, "") counts UTF-8 bytes too
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes > MAX_VALUE_BYTES) {
    fail(property, `\`${property}\` is ${bytes} bytes; GitHub allows at most ${MAX_VALUE_BYTES} bytes (48 KB)`);
  }
}
