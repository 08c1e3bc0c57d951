import { createPrivateKey } from "node:crypto";
import type { AppCredentials } from "../types";

/*
 * GitHub App credentials, read with the keys `@pulumi/github` and Terraform use: the stack
 * configuration object `github:appAuth` ({ id, installationId, pemFile }) and the environment
 * GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID, GITHUB_APP_PEM_FILE.
 * https://registry.terraform.io/providers/integrations/github/latest/docs#github-app-installation
 * Messages name the setting and the rule, never the private key.
 */

export const APP_AUTH_KEY = "github:appAuth";
export const APP_ENV = { id: "GITHUB_APP_ID", installationId: "GITHUB_APP_INSTALLATION_ID", pemFile: "GITHUB_APP_PEM_FILE" } as const;

/** Pulumi's marker of a secret value, which a secret nested in a configuration object keeps. */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

export type AppSettings = { credentials: AppCredentials } | { problem: string };

/** `github:appAuth` (or the plugin's `key`) as the engine hands it over: an object, or its JSON text. */
export function appSettingsFromStack(raw: unknown, key: AppCredentials["source"] = APP_AUTH_KEY): AppSettings | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  let value = unwrapSecret(raw);
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return { problem: `${key} must be an object with id, installationId and pemFile (set it with \`pulumi config set --path ${key}.id …\`)` };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { problem: `${key} must be an object with id, installationId and pemFile` };
  }
  const fields = value as Record<string, unknown>;
  return validated(
    { id: text(fields.id), installationId: text(fields.installationId), pemFile: text(fields.pemFile) },
    { id: `${key}.id`, installationId: `${key}.installationId`, pemFile: `${key}.pemFile` },
    key,
  );
}

/** GITHUB_APP_*: undefined when none is set; all three are needed once one is. */
export function appSettingsFromEnvironment(env: NodeJS.ProcessEnv): AppSettings | undefined {
  const read = (name: string) => (env[name] === "" ? undefined : env[name]);
  const given = { id: read(APP_ENV.id), installationId: read(APP_ENV.installationId), pemFile: read(APP_ENV.pemFile) };
  if (Object.values(given).every((v) => v === undefined)) return undefined;
  return validated(given, APP_ENV, "GITHUB_APP_*");
}

function validated(
  given: { id?: string; installationId?: string; pemFile?: string },
  names: { id: string; installationId: string; pemFile: string },
  source: AppCredentials["source"],
): AppSettings {
  const missing = (Object.keys(names) as (keyof typeof names)[]).filter((k) => given[k] === undefined || given[k]!.trim() === "");
  if (missing.length > 0) {
    return { problem: `GitHub App authentication needs ${missing.map((k) => names[k]).join(" and ")} as well` };
  }
  if (!/^[1-9]\d*$/.test(given.installationId!.trim())) {
    return { problem: `${names.installationId} must be the installation's numeric id (the number at the end of the installation's settings URL)` };
  }
  // Platforms that cannot hold line breaks in a variable pass the PEM with "\n" escapes (Terraform accepts them too).
  const privateKey = given.pemFile!.replace(/\\n/g, "\n").trim();
  try {
    createPrivateKey(privateKey);
  } catch {
    return { problem: `${names.pemFile} must hold the App's private key as PEM text ("-----BEGIN RSA PRIVATE KEY-----" …), not a path; it could not be read as one` };
  }
  // Number() skips surrounding whitespace as trim() does.
  return { credentials: { appId: given.id!.trim(), installationId: Number(given.installationId), privateKey, source } };
}

function unwrapSecret(value: unknown): unknown {
  if (typeof value === "object" && value !== null && SECRET_SIGNATURE_KEY in value) return (value as { value?: unknown }).value;
  return value;
}

function text(value: unknown): string | undefined {
  const v = unwrapSecret(value);
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/** The PEM text and each of its base64 lines (without a CRLF key's CR), should a library quote part of it. */
export function privateKeyParts(pem: string | undefined): string[] {
  if (!pem) return [];
  // Trimmed: a CRLF key's lines end in a CR, which a library quoting a line leaves out.
  const lines = pem.split("\n").map((line) => line.trim());
  // Not the boundary lines ("-----BEGIN RSA PRIVATE KEY-----"): no secret, and no base64 line holds a "-".
  return [pem, ...lines.filter((line) => !line.includes("-----") && line.length >= 16)];
}
