import { createAppAuth } from "@octokit/auth-app";
import type { AppCredentials } from "./types";

/*
 * Octokit authentication as a GitHub App installation (@octokit/auth-app): a JWT signed with the
 * App's private key buys an installation token, which authenticates every request.
 * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation
 */

/**
 * Renew a token this long before it expires (at most half its lifetime), so that no request of
 * a long deployment is sent with a token about to lapse.
 */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/** Every installation token this process received: error messages are scrubbed of them. */
const issuedTokens = new Set<string>();

export function installationTokens(): readonly string[] {
  return [...issuedTokens];
}

/** The `authStrategy` + `auth` options of an Octokit client acting as the App's installation. */
export function appAuthOptions(app: AppCredentials) {
  return {
    authStrategy: createAppAuth,
    auth: { appId: app.appId, privateKey: app.privateKey, installationId: app.installationId, cache: renewingCache() },
  };
}

/**
 * auth-app's own cache keeps a token for 59 minutes whatever its `expires_at` says; this one
 * (auth-app's documented `cache` option) drops it ahead of `expires_at` instead, so a token
 * GitHub issued with a shorter life is renewed in time too. Entries are auth-app's
 * "token|createdAt|expiresAt|…" strings.
 */
function renewingCache(): { get(key: string): string; set(key: string, value: string): void } {
  const entries = new Map<string, string>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined as unknown as string;
      const [, createdAt, expiresAt] = entry.split("|");
      const created = Date.parse(createdAt ?? "");
      const expires = Date.parse(expiresAt ?? "");
      const margin = Math.min(RENEW_BEFORE_EXPIRY_MS, (expires - created) / 2);
      if (!(Date.now() < expires - margin)) {
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
