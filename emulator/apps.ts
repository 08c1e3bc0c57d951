// GitHub Apps: an RSA key pair per App, installations on accounts, and the installation tokens
// an App gets by presenting an RS256 JWT. What GitHub checks is documented at
// https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
// and https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app

import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { ApiError } from "./api-error";
import { verifyAppJwt } from "./app-jwt";
import { isoSeconds } from "./clock";
import type { ResolvedContainer } from "./containers";
import type { ItemKind } from "./state";
import type { AppInstallationSpec, AppSpec, EmulatorApp, IssuedInstallationToken, Permission } from "./types";
import type { Account, Repository, World } from "./world";

/** GitHub's installation tokens live one hour. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * The permission an installation token needs per scope and kind of item, as GitHub names them in
 * an installation's `permissions`. Environments need "environments" on top. User Codespaces
 * secrets are not reachable with an installation token at all (user-to-server tokens only).
 */
export function requiredPermissions(container: ResolvedContainer, kind: ItemKind): string[] | undefined {
  const { scope } = container;
  const org = scope.level === "org";
  if (scope.level === "user") return undefined;
  const base =
    kind === "variables"
      ? org
        ? "organization_actions_variables"
        : "actions_variables"
      : scope.app === "actions"
        ? org
          ? "organization_secrets"
          : "secrets"
        : `${org ? "organization_" : ""}${scope.app}_secrets`;
  return scope.level === "environment" ? [base, "environments"] : [base];
}

/** Every permission the secrets and variables API can need: an installation's default. */
export const ALL_PERMISSIONS: Readonly<Record<string, Permission>> = Object.fromEntries(
  [
    "secrets",
    "environments",
    "actions_variables",
    "dependabot_secrets",
    "codespaces_secrets",
    "organization_secrets",
    "organization_actions_variables",
    "organization_dependabot_secrets",
    "organization_codespaces_secrets",
  ].map((p) => [p, "write" as Permission]),
);

interface Installation {
  id: number;
  appId: number;
  /** Login of the account it is installed on. */
  account: string;
  /** Lower-cased repository names, or "all". */
  repositories: "all" | string[];
  permissions: Record<string, Permission>;
}

interface IssuedToken {
  installation: Installation;
  /** Epoch ms (whole seconds), as written in `expires_at`. */
  expiresAt: number;
  uses: number;
}

interface RegisteredApp {
  id: number;
  slug: string;
  privateKeyPem: string;
  publicKey: KeyObject;
  installations: Installation[];
}

export type Principal = { kind: "user" } | { kind: "app"; app: RegisteredApp } | { kind: "installation"; installation: Installation; token: string };

export class AppRegistry {
  private apps: RegisteredApp[] = [];
  private readonly tokens = new Map<string, IssuedToken>();
  private seeded = 0;
  private nextAppId = 1;
  private nextInstallationId = 1;
  tokenLifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS;

  constructor(
    private readonly world: World,
    private readonly now: () => number,
  ) {}

  /** Registers an App with a fresh RSA key pair (and optionally a given private key). */
  add(spec: AppSpec = {}): EmulatorApp {
    const id = spec.id ?? this.nextAppId++;
    if (this.apps.some((a) => a.id === id)) throw new Error(`an App with id ${id} already exists`);
    this.nextAppId = Math.max(this.nextAppId, id + 1);
    const privateKeyPem = spec.privateKey ?? generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    const app: RegisteredApp = {
      id,
      slug: spec.slug ?? `emulator-app-${id}`,
      privateKeyPem,
      publicKey: createPublicKey(privateKeyPem),
      installations: [],
    };
    this.apps.push(app);
    for (const installation of spec.installations ?? [{ account: "octo-org" }]) this.install(app, installation);
    return this.describe(app);
  }

  /** The Apps present now become the state reset() returns to. */
  markSeed(): void {
    this.seeded = this.apps.length;
  }

  reset(): void {
    this.apps = this.apps.slice(0, this.seeded);
    this.tokens.clear();
    this.tokenLifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS;
  }

  list(): EmulatorApp[] {
    return this.apps.map((a) => this.describe(a));
  }

  /** Installation tokens issued so far (since reset), with how often each was used. */
  issuedTokens(): IssuedInstallationToken[] {
    return [...this.tokens].map(([token, t]) => ({ token, installationId: t.installation.id, expiresAt: isoSeconds(t.expiresAt), uses: t.uses }));
  }

  /** Who a bearer credential is: an installation token, an App's JWT, or undefined (not ours). */
  identify(credential: string): Principal | undefined {
    const issued = this.tokens.get(credential);
    if (issued) {
      if (this.now() >= issued.expiresAt) throw new ApiError(401, "Bad credentials");
      issued.uses++;
      return { kind: "installation", installation: issued.installation, token: credential };
    }
    if (credential.split(".").length === 3 && this.apps.length > 0) return { kind: "app", app: verifyAppJwt(credential, this.apps, this.now()) };
    return undefined;
  }

  /** POST /app/installations/{installation_id}/access_tokens, for the App the JWT proved. */
  issue(app: RegisteredApp, installationId: number, body: { repositories?: string[]; repository_ids?: number[]; permissions?: Record<string, Permission> }): object {
    const installation = app.installations.find((i) => i.id === installationId);
    if (!installation) throw new ApiError(404, "Not Found");
    const permissions = { ...installation.permissions };
    if (body.permissions) {
      for (const [name, level] of Object.entries(body.permissions)) {
        const granted = installation.permissions[name];
        if (!granted || (level === "write" && granted !== "write")) {
          throw new ApiError(422, `The permissions requested are not granted to this installation.`);
        }
      }
      for (const name of Object.keys(permissions)) if (!(name in body.permissions)) delete permissions[name];
      Object.assign(permissions, body.permissions);
    }
    const visible = this.repositoriesOf(installation);
    let repositories = installation.repositories === "all" ? undefined : visible;
    if (body.repositories || body.repository_ids) {
      const wanted = [...(body.repositories ?? []).map((n) => visible.find((r) => r.name.toLowerCase() === n.toLowerCase())), ...(body.repository_ids ?? []).map((id) => visible.find((r) => r.id === id))];
      if (wanted.some((r) => r === undefined)) throw new ApiError(422, "There is at least one repository that does not exist or is not accessible to the parent installation.");
      repositories = wanted as Repository[];
    }
    const token = `ghs_${randomBytes(18).toString("base64url").replace(/[-_]/g, "x")}`;
    const expiresAt = Math.floor(this.now() / 1000) * 1000 + this.tokenLifetimeSeconds * 1000;
    const scoped: Installation = { ...installation, permissions, repositories: repositories ? repositories.map((r) => r.name.toLowerCase()) : "all" };
    this.tokens.set(token, { installation: scoped, expiresAt, uses: 0 });
    return {
      token,
      expires_at: isoSeconds(expiresAt),
      permissions,
      repository_selection: repositories ? "selected" : "all",
      ...(repositories ? { repositories: repositories.map((r) => ({ id: r.id, name: r.name, full_name: `${r.owner.login}/${r.name}` })) } : {}),
    };
  }

  /**
   * Refuses what an installation token may not do: a repository or account outside the
   * installation, or an item kind without the permission ("write" for writes).
   */
  authorize(installation: Installation, target: { account?: Account; repository?: Repository; container?: ResolvedContainer; kind?: ItemKind; write: boolean }): void {
    const denied = () => new ApiError(403, "Resource not accessible by integration");
    const account = target.repository?.owner ?? target.account;
    if (!account || account.login.toLowerCase() !== installation.account.toLowerCase()) throw denied();
    if (target.repository && installation.repositories !== "all" && !installation.repositories.includes(target.repository.name.toLowerCase())) throw denied();
    if (target.container && target.kind) {
      const needed = requiredPermissions(target.container, target.kind);
      if (!needed) throw denied();
      for (const name of needed) {
        const granted = installation.permissions[name];
        if (!granted || (target.write && granted !== "write")) throw denied();
      }
    }
  }

  private install(app: RegisteredApp, spec: AppInstallationSpec): void {
    const account = this.world.account(spec.account);
    if (!account) throw new Error(`cannot install App ${app.id} on unknown account ${spec.account}`);
    const id = spec.id ?? this.nextInstallationId++;
    if (this.apps.some((a) => a.installations.some((i) => i.id === id))) throw new Error(`an installation with id ${id} already exists`);
    this.nextInstallationId = Math.max(this.nextInstallationId, id + 1);
    const repositories = spec.repositories === undefined || spec.repositories === "all" ? "all" : spec.repositories.map((r) => r.toLowerCase());
    app.installations.push({ id, appId: app.id, account: account.login, repositories, permissions: { ...(spec.permissions ?? ALL_PERMISSIONS) } });
  }

  private repositoriesOf(installation: Installation): Repository[] {
    const account = this.world.account(installation.account);
    if (!account) return [];
    return this.world
      .repositoriesOf(account)
      .filter((r) => installation.repositories === "all" || installation.repositories.includes(r.name.toLowerCase()));
  }

  private describe(app: RegisteredApp): EmulatorApp {
    return {
      id: app.id,
      slug: app.slug,
      privateKey: app.privateKeyPem,
      installations: app.installations.map((i) => ({
        id: i.id,
        account: i.account,
        repositories: i.repositories === "all" ? "all" : [...i.repositories],
        permissions: { ...i.permissions },
      })),
    };
  }
}
