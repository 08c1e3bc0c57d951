import type { createAppAuth } from "@octokit/auth-app";
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

/**
 * The `authStrategy` + `auth` options of an Octokit client acting as the App's installation.
 * Each token received is added to `issuedTokens`: error messages are scrubbed of them.
 */
export function appAuthOptions(app: AppCredentials, issuedTokens: Set<string>) {
  return {
    // Loaded only for an App: a token's deployment never pays for auth-app's modules.
    authStrategy: (require("@octokit/auth-app") as { createAppAuth: typeof createAppAuth }).createAppAuth,
    auth: { appId: app.appId, privateKey: app.privateKey, installationId: app.installationId, cache: renewingCache(issuedTokens) },
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
