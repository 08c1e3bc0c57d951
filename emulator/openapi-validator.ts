// Validates request bodies against the schemas extracted from GitHub's OpenAPI description
// (openapi/github-schemas.json, written by scripts/openapi/extract-schemas.mjs), and reports
// failures the way GitHub does: "Invalid request.\n\n\"key_id\" wasn't supplied."

import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { PageLimits } from "./pagination";

export interface ParameterDef {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: Record<string, unknown>;
  /** From the prose "(max N)" of per_page parameters. */
  documentedMaximum?: number;
}

export interface OperationDef {
  operationId: string;
  documentationUrl: string | null;
  parameters: ParameterDef[];
  requestBody: { required: boolean; schema: Record<string, unknown> } | null;
  responses: number[];
  responseSchemas?: Record<string, Record<string, unknown>>;
}

export interface SchemaFile {
  source: { package: string; version: string; file: string; openapi: string };
  operations: Record<string, OperationDef>;
}

export const DEFAULT_SCHEMA_FILE = join(__dirname, "openapi", "github-schemas.json");

export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly bodyValidators = new Map<string, ValidateFunction>();
  private readonly responseValidators = new Map<string, ValidateFunction>();

  constructor(private readonly file: SchemaFile) {
    this.ajv = new Ajv({ strict: false, allErrors: false, verbose: true, validateFormats: true });
    addFormats(this.ajv);
  }

  static load(path: string = DEFAULT_SCHEMA_FILE): OpenApiValidator {
    let parsed: SchemaFile;
    try {
      parsed = JSON.parse(readFileSync(path, "utf8")) as SchemaFile;
    } catch (e) {
      throw new Error(
        `cannot read the GitHub OpenAPI schemas at ${path} (regenerate with node scripts/openapi/extract-schemas.mjs): ${String(e)}`,
      );
    }
    if (!parsed || typeof parsed.operations !== "object" || !parsed.source) throw new Error(`${path} is not a schema file`);
    return new OpenApiValidator(parsed);
  }

  /** The @octokit/openapi version the schemas come from. */
  get version(): string {
    return this.file.source.version;
  }

  operation(key: string): OperationDef | undefined {
    return this.file.operations[key];
  }

  /** Fails loudly when the schema file lacks an operation the emulator serves. */
  requireOperations(keys: Iterable<string>): void {
    const missing = [...keys].filter((k) => !this.file.operations[k]);
    if (missing.length > 0) {
      throw new Error(
        `the GitHub OpenAPI schema file (from ${this.file.source.package}@${this.file.source.version}) lacks operations ` +
          `the emulator serves; regenerate it with node scripts/openapi/extract-schemas.mjs:\n  ${missing.join("\n  ")}`,
      );
    }
  }

  /** GitHub's detail for a body the schema rejects (without the "Invalid request." head), or undefined. */
  validateBody(key: string, body: unknown): string | undefined {
    const op = this.mustGet(key);
    if (!op.requestBody) return undefined;
    if (body === undefined && !op.requestBody.required) return undefined;
    let validate = this.bodyValidators.get(key);
    if (!validate) {
      validate = this.ajv.compile(op.requestBody.schema);
      this.bodyValidators.set(key, validate);
    }
    const value = body === undefined ? null : body;
    if (validate(value)) return undefined;
    return describeError(pickError(validate.errors ?? []));
  }

  /** Checks a response body against the documented success schema (for tests); undefined when fine or undocumented. */
  validateResponse(key: string, status: number, body: unknown): string | undefined {
    const op = this.mustGet(key);
    if (!op.responses.includes(status)) return `status ${status} is not documented for ${key} (documented: ${op.responses.join(", ")})`;
    const schema = op.responseSchemas?.[String(status)];
    if (!schema) return undefined;
    const cacheKey = `${key} ${status}`;
    let validate = this.responseValidators.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.responseValidators.set(cacheKey, validate);
    }
    return validate(body) ? undefined : this.ajv.errorsText(validate.errors);
  }

  /** per_page default and documented maximum of a list operation. */
  pageLimits(key: string): PageLimits {
    const perPage = this.mustGet(key).parameters.find((p) => p.in === "query" && p.name === "per_page");
    const def = perPage?.schema.default;
    return {
      defaultPerPage: typeof def === "number" ? def : 30,
      maxPerPage: perPage?.documentedMaximum ?? 100,
    };
  }

  private mustGet(key: string): OperationDef {
    const op = this.file.operations[key];
    if (!op) throw new Error(`no OpenAPI operation ${key}`);
    return op;
  }
}

function pickError(errors: ErrorObject[]): ErrorObject | undefined {
  return errors.find((e) => e.keyword === "anyOf" || e.keyword === "oneOf") ?? errors[0];
}

/** JSON pointer "/selected_repository_ids/0" → "properties/selected_repository_ids/items". */
function schemaPlace(instancePath: string): string {
  if (instancePath === "") return "links/0/schema";
  return instancePath
    .split("/")
    .slice(1)
    .map((seg) => (/^\d+$/.test(seg) ? "items" : `properties/${seg.replace(/~1/g, "/").replace(/~0/g, "~")}`))
    .join("/");
}

/** Ruby-flavoured rendering of a JSON value, as GitHub prints it. */
function inspect(value: unknown): string {
  if (value === null || value === undefined) return "nil";
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeError(err: ErrorObject | undefined): string {
  if (!err) return "The request body is invalid.";
  const where = schemaPlace(err.instancePath);
  const value = inspect(err.data);
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case "required":
      return `"${String(params.missingProperty)}" wasn't supplied.`;
    case "additionalProperties":
      return `"${String(params.additionalProperty)}" is not a permitted key.`;
    case "type":
      return `For '${where}', ${value} is not ${withArticle(String(params.type))}.`;
    case "enum":
      return `For '${where}', ${value} is not a member of ${JSON.stringify(params.allowedValues)}.`;
    case "pattern":
      return `For '${where}', ${value} does not match /${String(params.pattern)}/.`;
    case "anyOf":
    case "oneOf":
      return `For '${where}', ${value} does not match any of the allowed types.`;
    default:
      return `For '${where}', ${value} ${err.message ?? "is invalid"}.`;
  }
}
