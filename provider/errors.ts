/** A failure explained: what GitHub said and what to do about it. Carries no request or response. */
export class GitHubSecretsError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "GitHubSecretsError";
  }
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === "number" ? status : undefined;
}

/** Masks each secret in `text`, raw and as JSON escapes it (an echoed request body). */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    // Short strings would blank out ordinary words; GitHub tokens and real values are longer.
    if (!secret || secret.length < 4) continue;
    // An echoed request body holds the value as JSON: quotes, backslashes and newlines escaped.
    for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) result = result.split(form).join("[REDACTED]");
  }
  return result;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
