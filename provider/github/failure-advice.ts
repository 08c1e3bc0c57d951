import { capitalize, GitHubSecretsError, statusOf } from "../errors";
import type { Scope } from "../scopes";

/** The parts of an Octokit `RequestError` this module reads. */
interface HttpFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
  request?: { url?: string };
  cause?: unknown;
}

export interface FailureContext {
  /** "creating", "reading", … */
  action: string;
  scope: Scope;
  /** "DB_PASS in octo-org/app" */
  target: string;
  baseUrl: string;
  /** Authenticated as a GitHub App installation (rather than with a token). */
  app?: boolean;
  /** githubSecrets:maxRateLimitWaitSeconds, named when a rate limit outlasts it. */
  maxRateLimitWaitSeconds?: number;
}

/**
 * Rethrows an API failure sorted by status, with the next step to take. Only GitHub's own
 * message is kept from the response; request details (headers, body) are dropped so that
 * nothing sealed or secret travels into logs. GitHub's message (or a proxy's) may still
 * echo the request: the caller masks the result (`Deployment.redact`, in lifecycle/item-operation.ts).
 */
export function explainFailure(error: unknown, context: FailureContext): GitHubSecretsError {
  const failure = (error ?? {}) as HttpFailure;
  const status = statusOf(error);
  const said = githubMessage(failure);
  const what = `${context.action} ${context.scope.title} ${context.target}`;
  // Whatever was asked: Octokit gives a refused connection status 500 and no response, so an
  // App's token request (its deployment's first) that never reached GitHub is no refusal.
  const advice =
    status === undefined || !failure.response
      ? `could not reach the GitHub API at ${context.baseUrl} (${causeOf(failure)}); check github:baseUrl / GITHUB_API_URL and the network`
      : answerAdvice(status, failure, context);
  const message = `${capitalize(what)} failed: ${advice}.${said ? ` GitHub said: "${said}"` : ""}`;
  return new GitHubSecretsError(message, status);
}

/** What GitHub's answer means and what to do next. */
function answerAdvice(status: number, failure: HttpFailure, context: FailureContext): string {
  const credential = context.app ? "the GitHub App installation" : "the token";
  switch (true) {
    // Stryker disable next-line StringLiteral: no other text ends in /access_tokens either
    case context.app && /\/app\/installations\/[^/]+\/access_tokens$/.test(failure.request?.url ?? ""):
      return appTokenAdvice(status);
    case status === 401 && context.app:
      return "GitHub rejected the App's installation token (401 Bad credentials); it is renewed before it expires, so check that the App and its installation still exist and the machine's clock is right";
    case status === 401:
      return "GitHub rejected the token (401 Bad credentials): set a valid one with `pulumi config set --secret github:token …` or GITHUB_TOKEN; it may have expired or been revoked";
    case isRateLimit(failure):
      return rateLimitAdvice(failure, context.maxRateLimitWaitSeconds);
    case status === 403:
      return `${credential} may not manage this: ${context.scope.permissions}${context.app ? ", and the repository must be one the App is installed on" : ""} (403)`;
    case status === 404:
      return `not found (404): the ${describeContainer(context.scope)} does not exist, or ${credential} cannot see it (GitHub answers 404 rather than 403 for what a token may not read: ${context.scope.permissions})`;
    case status === 409:
      return "GitHub reported a conflict (409): the item changed or its visibility does not allow this operation; refresh and try again";
    case status === 422:
      return `GitHub rejected the request as invalid (422); see ${context.scope.docs}`;
    case status >= 500:
      return `GitHub failed (${status}) and retries ran out; GitHub may be having an incident (https://www.githubstatus.com)`;
    default:
      return `GitHub answered ${status}`;
  }
}

/** Failures of the exchange of the App's JWT for an installation token. */
function appTokenAdvice(status: number): string {
  switch (status) {
    case 401:
      return "GitHub rejected the App's JSON web token (401): check the App id (github:appAuth.id or GITHUB_APP_ID), that the private key (pemFile) is this App's, and that the machine's clock is right within a minute";
    case 404:
      return "GitHub knows no such installation of this App (404): check github:appAuth.installationId or GITHUB_APP_INSTALLATION_ID, and that the App is still installed";
    default:
      return `GitHub refused an installation token for the App (${status}); check the installation's repositories and permissions`;
  }
}

function githubMessage(failure: HttpFailure): string | undefined {
  const data = failure.response?.data as { message?: unknown; errors?: unknown } | undefined;
  if (data && typeof data.message === "string") {
    const details = Array.isArray(data.errors)
      ? data.errors.map((e) => (typeof e === "string" ? e : (e as { message?: string })?.message)).filter(Boolean)
      : [];
    return [data.message, ...details].join("; ");
  }
  return undefined;
}

function causeOf(failure: HttpFailure): string {
  const cause = failure.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? failure.message ?? "no response";
}

function isRateLimit(failure: HttpFailure): boolean {
  const status = failure.status;
  if (status !== 403 && status !== 429) return false;
  // Stryker disable next-line OptionalChaining: explainFailure sorts a failure without a response as unreachable before it asks this
  const headers = failure.response?.headers ?? {};
  return (
    status === 429 ||
    String(headers["x-ratelimit-remaining"]) === "0" ||
    headers["retry-after"] !== undefined ||
    // Stryker disable next-line StringLiteral: no other text says "rate limit" either
    /rate limit/i.test(githubMessage(failure) ?? "")
  );
}

/** A rate limit that would need more waiting than allowed: until when, and what to do. */
function rateLimitAdvice(failure: HttpFailure, maxWaitSeconds: number | undefined): string {
  // Stryker disable next-line OptionalChaining: a failure without a response is explained as unreachable before this
  const headers = failure.response?.headers ?? {};
  const reset = Number(headers["x-ratelimit-reset"]);
  const bound = `githubSecrets:maxRateLimitWaitSeconds${maxWaitSeconds === undefined ? "" : ` (${maxWaitSeconds} s)`}`;
  if (String(headers["x-ratelimit-remaining"]) === "0" && Number.isFinite(reset) && reset > 0) {
    const at = new Date(reset * 1000).toISOString();
    return (
      `GitHub's rate limit for this token is used up until ${at} (${failure.status}), later than ${bound} allows waiting; ` +
      `run \`pulumi up\` again after ${at}, or allow a longer wait with \`pulumi config set githubSecrets:maxRateLimitWaitSeconds 3600\``
    );
  }
  const retryAfter = headers["retry-after"] !== undefined ? `, retry-after ${headers["retry-after"]} s` : "";
  return (
    `GitHub's secondary rate limit kept refusing the request for longer than ${bound} allows waiting (${failure.status}${retryAfter}); ` +
    "run `pulumi up` again in a few minutes, or lower the pace with `pulumi config set githubSecrets:writeIntervalMs 2000` and `pulumi up --parallel 4`"
  );
}

function describeContainer(scope: Scope): string {
  if (scope.identity.includes("environment")) return "repository or environment";
  if (scope.identity.includes("org")) return "organization";
  if (scope.identity.length === 0) return "authenticated user's item";
  return "repository";
}

