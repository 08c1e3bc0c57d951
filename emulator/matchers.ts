// Matching of requests by method, route and path: shared by fault injection and the request log.

import type { PathMatcher } from "./types";

/**
 * `spec` is "METHOD /template" (matches that operation) or "/template" (any method).
 * Requests that matched no route never match a route spec.
 */
export function routeMatches(spec: string | undefined, routeKey: string | undefined): boolean {
  if (spec === undefined) return true;
  if (routeKey === undefined) return false;
  const space = spec.indexOf(" ");
  if (space === -1) return routeKey.slice(routeKey.indexOf(" ") + 1) === spec;
  return spec.slice(0, space).toUpperCase() === routeKey.slice(0, routeKey.indexOf(" ")) && spec.slice(space + 1) === routeKey.slice(routeKey.indexOf(" ") + 1);
}

export function methodMatches(spec: string | undefined, method: string): boolean {
  return spec === undefined || spec.toUpperCase() === method.toUpperCase();
}

export function pathMatches(m: PathMatcher | undefined, path: string): boolean {
  if (m === undefined) return true;
  if (typeof m === "string") return m === path;
  if (m instanceof RegExp) {
    m.lastIndex = 0;
    return m.test(path);
  }
  return m(path);
}

export const WRITE_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);
