// GitHub-style error responses: `{ message, documentation_url, status }` (+ `errors` for some 422s).

export const GENERIC_DOCS = "https://docs.github.com/rest";

export interface ValidationErrorItem {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { errors?: ValidationErrorItem[]; documentationUrl?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  /** The JSON body, using the operation's documentation URL unless the error names its own. */
  body(operationDocs: string | undefined): Record<string, unknown> {
    return {
      message: this.message,
      documentation_url: this.extra.documentationUrl ?? operationDocs ?? GENERIC_DOCS,
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
      status: String(this.status),
    };
  }
}

export const notFound = (): ApiError => new ApiError(404, "Not Found");

/** "Invalid request.\n\n<detail>", the form GitHub uses for request bodies its schema rejects. */
export const invalidRequest = (detail: string): ApiError => new ApiError(422, `Invalid request.\n\n${detail}`);

export const validationFailed = (resource: string, field: string, message: string, code = "invalid"): ApiError =>
  new ApiError(422, "Validation Failed", { errors: [{ resource, field, code, message }] });

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Bad credentials",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  422: "Validation Failed",
  429: "Too Many Requests",
  500: "Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? `HTTP ${status}`;
}
