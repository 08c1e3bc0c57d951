import type { createAppAuth } from "@octokit/auth-app";
import type githubAppJwt from "universal-github-app-jwt";
import type { AppCredentials } from "../types";

/*
 * Octokit authentication as a GitHub App installation (@octokit/auth-app): a JWT signed with the
 * App's private key buys an installation token, which authenticates every request.
 * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation
 */

/**
 * Renew a token 5 minutes before it expires (at most half its lifetime), so that no request of
 * a long deployment is sent with a token about to lapse.
 */
function renewalMargin(lifetimeMs: number): number {
  return Math.min(5 * 60 * 1000, lifetimeMs / 2);
}

/** Where the credentials an App's client obtains are kept, so that every message is scrubbed of them. */
export interface IssuedCredentials {
  readonly installationTokens: Set<string>;
  readonly appJwts: Set<string>;
}

/**
 * The `authStrategy` + `auth` options of an Octokit client acting as the App's installation.
 * Each installation token received and each JWT signed is added to `issued`.
 */
export function appAuthOptions(app: AppCredentials, issued: IssuedCredentials) {
  return {
    // Loaded only for an App: a token's deployment never pays for auth-app's modules.
    authStrategy: (require("@octokit/auth-app") as { createAppAuth: typeof createAppAuth }).createAppAuth,
    auth: {
      appId: app.appId,
      installationId: app.installationId,
      cache: renewingCache(issued.installationTokens),
      createJwt: recordingJwtSigner(app.privateKey, issued.appJwts),
    },
  };
}

/**
 * Signs the App's JWTs as auth-app would with the private key (with the same library,
 * universal-github-app-jwt), through auth-app's documented `createJwt` option, so that every
 * JWT it sends passes through here and is known: whichever of its paths signs one (it signs
 * a new one per request for an installation token, and again after a clock-skew refusal),
 * and without reading it back from request headers. `timeDifference` is auth-app's measure of
 * the skew from GitHub's clock, in seconds. https://github.com/octokit/auth-app.js#createjwt
 */
function recordingJwtSigner(privateKey: string, signed: Set<string>) {
  return async (appId: string | number, timeDifference?: number) => {
    const sign = (require("universal-github-app-jwt") as { default: typeof githubAppJwt }).default;
    const now = timeDifference ? { now: Math.floor(Date.now() / 1000) + timeDifference } : {};
    const { token, expiration } = await sign({ id: appId, privateKey, ...now });
    signed.add(token);
    return { jwt: token, expiresAt: new Date(expiration * 1000).toISOString() };
  };
}

/**
 * auth-app's own cache keeps a token for 59 minutes whatever its `expires_at` says; this one
 * (auth-app's documented `cache` option) drops it ahead of `expires_at` instead, so a token
 * GitHub issued with a shorter life is renewed in time too. Entries are auth-app's
 * "token|createdAt|expiresAt|…" strings.
 */
function renewingCache(issuedTokens: Set<string>): { get(key: string): string; set(key: string, value: string): void } {
  const entries = new Map<string, string>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined as unknown as string;
      const [, createdAt, expiresAt] = entry.split("|");
      // Stryker disable next-line StringLiteral: any text but a date parses to NaN, as "" does
      const created = Date.parse(createdAt ?? "");
      // Stryker disable next-line StringLiteral: any text but a date parses to NaN, as "" does
      const expires = Date.parse(expiresAt ?? "");
      // Stryker disable next-line EqualityOperator: one millisecond at the renewal point, which no request can tell
      if (!(Date.now() < expires - renewalMargin(expires - created))) {
        // Stryker disable next-line CallExpression: auth-app sets a new token after every miss, replacing the entry
        entries.delete(key);
        return undefined as unknown as string;
      }
      return entry;
    },
    set(key, value) {
      entries.set(key, value);
      issuedTokens.add(value.split("|")[0]!);
    },
  };
}
