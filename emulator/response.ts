// Writes a handler's result the way api.github.com answers: GitHub's own headers (API version,
// media type, request id), the rate-limit headers, a Date from the emulator's clock, and the body
// as JSON (none for 204 and 304).

import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { HandlerResult } from "./handler-types";

export const DEFAULT_API_VERSION = "2022-11-28";
const SUPPORTED_API_VERSIONS = new Set([DEFAULT_API_VERSION, "2026-03-10"]);

/** An `X-GitHub-Api-Version` header the emulator answers to (GitHub answers others with 400). */
export function isSupportedApiVersion(version: string): boolean {
  return SUPPORTED_API_VERSIONS.has(version);
}

export interface ResponseContext {
  /** The request's `X-GitHub-Api-Version` header, if any. */
  requestedVersion: string | string[] | undefined;
  /** The `Date` header. */
  date: string;
  /** The x-ratelimit-* headers. */
  rateLimit: Record<string, string>;
}

export function sendResult(res: ServerResponse, result: HandlerResult, ctx: ResponseContext): void {
  const version = ctx.requestedVersion;
  const headers: Record<string, string> = {
    "x-github-api-version-selected": typeof version === "string" && isSupportedApiVersion(version) ? version : DEFAULT_API_VERSION,
    "x-github-media-type": "github.v3; format=json",
    "x-github-request-id": requestId(),
    date: ctx.date,
    ...ctx.rateLimit,
  };
  let payload: string | undefined;
  if (result.body !== undefined && result.status !== 204 && result.status !== 304) {
    payload = JSON.stringify(result.body);
    headers["content-type"] = "application/json; charset=utf-8";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = v;
  res.writeHead(result.status, headers);
  res.end(payload);
}

function requestId(): string {
  const h = randomBytes(10).toString("hex").toUpperCase();
  return `${h.slice(0, 4)}:${h.slice(4, 8)}:${h.slice(8, 12)}:${h.slice(12, 16)}:${h.slice(16, 20)}`;
}
