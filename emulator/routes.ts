// The route table, derived from the scope table, and the router matching raw request paths.

import * as account from "./account-handlers";
import { createInstallationAccessToken } from "./app-handlers";
import type { RouteDef } from "./handler-types";
import { SCOPES, type ScopeDef } from "./scopes";
import * as secrets from "./secret-handlers";
import { addSelected, listSelected, removeSelected, setSelected } from "./selection-handlers";
import type { HttpMethod } from "./types";
import * as variables from "./variable-handlers";

function route(method: HttpMethod, template: string, handler: RouteDef["handler"], scope?: ScopeDef): RouteDef {
  return { method, template, key: `${method} ${template}`, handler, ...(scope ? { scope } : {}) };
}

export function buildRoutes(): RouteDef[] {
  const routes: RouteDef[] = [];
  for (const scope of SCOPES) {
    const s = `${scope.base}/secrets`;
    routes.push(
      route("GET", s, secrets.listSecrets, scope),
      route("GET", `${s}/public-key`, secrets.getPublicKey, scope),
      route("GET", `${s}/{secret_name}`, secrets.getSecret, scope),
      route("PUT", `${s}/{secret_name}`, secrets.putSecret, scope),
      route("DELETE", `${s}/{secret_name}`, secrets.deleteSecret, scope),
    );
    if (scope.selection) {
      routes.push(
        route("GET", `${s}/{secret_name}/repositories`, listSelected("secrets"), scope),
        route("PUT", `${s}/{secret_name}/repositories`, setSelected("secrets"), scope),
        route("PUT", `${s}/{secret_name}/repositories/{repository_id}`, addSelected("secrets"), scope),
        route("DELETE", `${s}/{secret_name}/repositories/{repository_id}`, removeSelected("secrets"), scope),
      );
    }
    if (scope.variables) {
      const v = `${scope.base}/variables`;
      routes.push(
        route("GET", v, variables.listVariables, scope),
        route("POST", v, variables.postVariable, scope),
        route("GET", `${v}/{name}`, variables.getVariable, scope),
        route("PATCH", `${v}/{name}`, variables.patchVariable, scope),
        route("DELETE", `${v}/{name}`, variables.deleteVariable, scope),
      );
      if (scope.selection) {
        routes.push(
          route("GET", `${v}/{name}/repositories`, listSelected("variables"), scope),
          route("PUT", `${v}/{name}/repositories`, setSelected("variables"), scope),
          route("PUT", `${v}/{name}/repositories/{repository_id}`, addSelected("variables"), scope),
          route("DELETE", `${v}/{name}/repositories/{repository_id}`, removeSelected("variables"), scope),
        );
      }
    }
  }
  routes.push(route("GET", "/repos/{owner}/{repo}", account.getRepository), route("GET", "/user", account.getAuthenticatedUser));
  routes.push(route("POST", "/app/installations/{installation_id}/access_tokens", createInstallationAccessToken));
  return routes;
}

export interface RouteMatch {
  route: RouteDef;
  /** Percent-decoded exactly once. */
  params: Record<string, string>;
}

type Segment = { literal: string } | { param: string };

interface CompiledRoute {
  route: RouteDef;
  segments: Segment[];
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(readonly routes: readonly RouteDef[]) {
    const keys = new Set<string>();
    for (const r of routes) {
      if (keys.has(r.key)) throw new Error(`duplicate route ${r.key}`);
      keys.add(r.key);
    }
    this.compiled = routes.map((route) => ({
      route,
      segments: route.template
        .split("/")
        .slice(1)
        .map((seg): Segment => (/^\{\w+\}$/.test(seg) ? { param: seg.slice(1, -1) } : { literal: seg })),
    }));
    // Literal segments win over parameters ("secrets/public-key" before "secrets/{secret_name}").
    this.compiled.sort((a, b) => specificity(b) - specificity(a));
  }

  /** Matches a raw (still percent-encoded) path without query string. */
  match(method: string, rawPath: string): RouteMatch | undefined {
    const parts = rawPath.split("/");
    if (parts[0] !== "") return undefined;
    const segs = parts.slice(1);
    for (const c of this.compiled) {
      if (c.route.method !== method || c.segments.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segs.length && ok; i++) {
        const want = c.segments[i]!;
        const got = segs[i]!;
        if ("literal" in want) ok = want.literal === got;
        else {
          const decoded = decodeOnce(got);
          ok = decoded !== undefined && decoded.length > 0;
          if (ok) params[want.param] = decoded!;
        }
      }
      if (ok) return { route: c.route, params };
    }
    return undefined;
  }
}

function specificity(c: CompiledRoute): number {
  // Weight literal segments by position so earlier literals dominate.
  return c.segments.reduce((acc, s, i) => acc + ("literal" in s ? 2 ** (16 - i) : 0), 0);
}

function decodeOnce(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
