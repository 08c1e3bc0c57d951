// Fault injection: the next matching request(s) get a canned failure instead of the real answer.
// Builders for GitHub's usual failures are exported as `faults`.

import { GENERIC_DOCS, reasonPhrase } from "./api-error";
import { methodMatches, pathMatches, routeMatches } from "./matchers";
import type { FaultHandle, FaultSpec, PathMatcher } from "./types";

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  hits: number;
}

export class FaultInjector {
  private active: ActiveFault[] = [];

  add(spec: FaultSpec): FaultHandle {
    if (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599) throw new Error(`invalid fault status ${spec.status}`);
    const times = spec.times ?? 1;
    if (!(times >= 1)) throw new Error("fault times must be at least 1");
    const fault: ActiveFault = { spec, remaining: times, hits: 0 };
    this.active.push(fault);
    return {
      get hits() {
        return fault.hits;
      },
      get remaining() {
        return fault.remaining;
      },
      cancel: () => {
        fault.remaining = 0;
        this.active = this.active.filter((f) => f !== fault);
      },
    };
  }

  /** The fault that answers this request, if any (counts the hit). Earlier faults win. */
  take(method: string, routeKey: string | undefined, path: string): FaultSpec | undefined {
    const f = this.active.find(
      (x) => x.remaining > 0 && methodMatches(x.spec.method, method) && routeMatches(x.spec.route, routeKey) && pathMatches(x.spec.path, path),
    );
    if (!f) return undefined;
    f.remaining -= 1;
    f.hits += 1;
    if (f.remaining <= 0) this.active = this.active.filter((x) => x !== f);
    return f.spec;
  }

  clear(): void {
    this.active = [];
  }

  get pending(): number {
    return this.active.length;
  }
}

export function defaultFaultBody(status: number): Record<string, unknown> {
  return { message: reasonPhrase(status), documentation_url: GENERIC_DOCS, status: String(status) };
}

/** Which requests a built fault applies to, and how many times. */
export interface FaultTarget {
  method?: string;
  route?: string;
  path?: PathMatcher;
  times?: number;
  delayMs?: number;
}

const epochSeconds = (inSeconds: number): string => String(Math.ceil(Date.now() / 1000) + inSeconds);

export const faults = {
  /** 5xx with GitHub's body. */
  serverError(target: FaultTarget = {}, status = 500): FaultSpec {
    return { ...target, status };
  },
  /** Primary rate limit: 403, x-ratelimit-remaining 0, x-ratelimit-reset `resetInSeconds` from now (real time). */
  primaryRateLimit(target: FaultTarget = {}, resetInSeconds = 1): FaultSpec {
    return {
      ...target,
      status: 403,
      headers: {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-used": "5000",
        "x-ratelimit-reset": epochSeconds(resetInSeconds),
        "x-ratelimit-resource": "core",
      },
      body: {
        message: "API rate limit exceeded for user ID 583231. If you reach out to GitHub Support for help, please include the request ID.",
        documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
        status: "403",
      },
    };
  },
  /** Secondary rate limit: 403 (or 429) whose message says "secondary rate limit", with retry-after. */
  secondaryRateLimit(target: FaultTarget = {}, retryAfterSeconds = 1, status: 403 | 429 = 403): FaultSpec {
    return {
      ...target,
      status,
      headers: { "retry-after": String(retryAfterSeconds) },
      body: {
        message:
          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
          "If you reach out to GitHub Support for help, please include the request ID.",
        documentation_url: "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        status: String(status),
      },
    };
  },
  /** The content-creation limit: 403, retry-after, and GitHub's wording for it. */
  contentCreationLimit(target: FaultTarget = {}, retryAfterSeconds = 60): FaultSpec {
    const limited = faults.secondaryRateLimit(target, retryAfterSeconds, 403);
    return {
      ...limited,
      body: {
        ...(limited.body as Record<string, unknown>),
        message:
          "You have exceeded a secondary rate limit and have been temporarily blocked from content creation. " +
          "Please retry your request again later. If you reach out to GitHub Support for help, please include the request ID.",
      },
    };
  },
  /** 429 Too Many Requests with retry-after. */
  tooManyRequests(target: FaultTarget = {}, retryAfterSeconds = 1): FaultSpec {
    return { ...target, status: 429, headers: { "retry-after": String(retryAfterSeconds) } };
  },
  /** 403 "Resource not accessible by integration": a GitHub App token lacking a permission. */
  missingPermission(target: FaultTarget = {}): FaultSpec {
    return {
      ...target,
      status: 403,
      body: { message: "Resource not accessible by integration", documentation_url: GENERIC_DOCS, status: "403" },
    };
  },
  /**
   * 200 with `answer` as the body of a public-key GET (every container's unless `target` says
   * which) instead of the container's key: a tampered or broken key, to prove a client checks
   * a key before it seals anything with it.
   */
  tamperedPublicKey(answer: unknown, target: FaultTarget = {}): FaultSpec {
    return { method: "GET", path: /\/secrets\/public-key$/, ...target, status: 200, body: answer };
  },
  /** 404: the token cannot see the repository/organization. */
  notVisible(target: FaultTarget = {}): FaultSpec {
    return { ...target, status: 404 };
  },
};
