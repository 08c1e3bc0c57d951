import { format } from "node:util";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import type Bottleneck from "bottleneck";
import { appAuthOptions } from "./app-auth";
import { classifyRateLimits, rateLimitCallbacks } from "./rate-limit-waits";
import { releaseWriteTurns, serialWrites, WriteTurns } from "./write-turns";
import type { Deployment } from "../deployment/deployment";

// Plugins' hooks nest in this order, the first innermost: serialWrites gives each write's HTTP
// exchange its turn; classifyRateLimits sees a failure before plugin-throttling, which waits
// out rate limits, before plugin-retry, which retries 5xx; releaseWriteTurns, outermost, ends
// the turn a write refused for a rate limit kept through its waits (write-turns.ts).
const GitHubOctokit = Octokit.plugin(serialWrites, classifyRateLimits, throttling, retry, releaseWriteTurns);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export interface GitHubClients {
  /** For everything: retries 5xx with backoff, waits out rate limits, paces writes. */
  readonly api: GitHubClient;
  /**
   * For the read that follows a write: GitHub's reads are eventually consistent, so a GET
   * right after a successful PUT may answer 404 for a moment. This one retries 404 too.
   */
  readonly afterWrite: GitHubClient;
}

/**
 * Statuses that another try cannot change. plugin-retry's default list lacks 409, so an
 * expected conflict (a variable that already exists) would first wait out the whole backoff.
 * 403 and 429 are rate limits (plugin-throttling's, honouring GitHub's headers) or refusals.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

/** plugin-throttling's key into its queues (its pool of ten concurrent requests), shared by both clients. */
// Stryker disable next-line StringLiteral: any one name, the empty one too, keys the same shared queues
const THROTTLE_ID = "pulumi-github-secrets";

/**
 * The clients of one deployment: every resource shares one write queue and one rate-limit
 * state. `deployment.secondMs` is the only place the unit of GitHub's waits is read.
 */
export function createClients(deployment: Deployment): GitHubClients {
  const { configuration, secondMs } = deployment;
  // One write at a time, each start a pause after the last, GitHub's advice against secondary
  // limits (write-turns.ts):
  // https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests
  const writeTurns = new WriteTurns(configuration.writeIntervalMs);
  const options = {
    ...(configuration.app ? appAuthOptions(configuration.app, deployment) : { auth: configuration.token }),
    baseUrl: configuration.baseUrl,
    userAgent: "pulumi-github-secrets",
    writeTurns,
    retry: { doNotRetry: DO_NOT_RETRY, retryAfterBaseValue: secondMs },
    // Not Octokit's request log: each failure is explained by errors.ts, each wait announced
    // by rate-limits.ts; a line per refused request would only bury those in `pulumi up`.
    // Warnings are masked: auth-app warns with GitHub's message, which may echo the request.
    log: { debug: () => {}, info: () => {}, warn: (...args: unknown[]) => console.warn(deployment.redact(format(...args))), error: () => {} },
    throttle: {
      id: THROTTLE_ID,
      // The part of a Bottleneck group plugin-throttling uses: `key(id).schedule(options, job)`.
      write: writeTurns.poolEntry as unknown as InstanceType<typeof Bottleneck.Group>,
      retryAfterBaseValue: secondMs,
      ...rateLimitCallbacks({
        secondMs: secondMs,
        maxWaitSeconds: configuration.maxRateLimitWaitSeconds,
        // The engine shows a provider's stderr in `pulumi up`'s output, as the stack's diagnostics.
        announce: (message) => console.warn(message),
      }),
    },
  };
  return {
    api: new GitHubOctokit(options),
    afterWrite: new GitHubOctokit({
      ...options,
      retry: { doNotRetry: DO_NOT_RETRY.filter((status) => status !== 404), retries: 5, retryAfterBaseValue: secondMs / 5 },
    }),
  };
}
