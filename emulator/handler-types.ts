// What the router hands a handler, and what a handler answers.

import type { Principal } from "./apps";
import type { ResolvedContainer } from "./containers";
import type { EmulatorCore } from "./core";
import type { ScopeDef } from "./scopes";
import type { HttpMethod } from "./types";

export interface HandlerContext {
  core: EmulatorCore;
  /** The OpenAPI operation, e.g. "PUT /orgs/{org}/actions/secrets/{secret_name}". */
  routeKey: string;
  /** Path parameters, percent-decoded exactly once. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body, already validated against the operation's OpenAPI schema. */
  body: unknown;
  /** The request path as received (percent-encoded). */
  rawPath: string;
  /** The scope instance the route addresses (routes with a scope only). */
  container: ResolvedContainer | undefined;
  /** Who sent the request: the emulator's token, an App (JWT) or an App installation. */
  principal?: Principal;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;

export interface RouteDef {
  method: HttpMethod;
  /** OpenAPI path template. */
  template: string;
  /** `${method} ${template}`: the key of the operation in the OpenAPI schema file. */
  key: string;
  scope?: ScopeDef;
  handler: Handler;
}

export function requireContainer(ctx: HandlerContext): ResolvedContainer {
  if (!ctx.container) throw new Error(`route ${ctx.routeKey} has no scope`);
  return ctx.container;
}
