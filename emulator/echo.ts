// Echo mode: error responses repeat what the request carried, headers (Authorization
// included) and body, the way some proxies and some GitHub errors do. A client that puts
// GitHub's message into its own errors must redact: with echo on, a test can prove it does.

import type { IncomingMessage } from "node:http";
import type { HandlerResult } from "./handler-types";

/** `result` with the request echoed into `message` and into one more `errors` entry, for 4xx/5xx only. */
export function withEcho(result: HandlerResult, req: IncomingMessage, rawBody: Buffer | undefined): HandlerResult {
  if (result.status < 400) return result;
  const body = (typeof result.body === "object" && result.body !== null ? result.body : {}) as Record<string, unknown>;
  const headers = JSON.stringify(req.headers);
  const sent = rawBody?.toString("utf8") ?? "";
  const echoed = `${req.method} ${req.url} headers: ${headers} body: ${sent}`;
  const errors = Array.isArray(body.errors) ? body.errors : [];
  return {
    ...result,
    body: {
      ...body,
      message: `${typeof body.message === "string" ? body.message : ""} (request was: ${echoed})`,
      errors: [...errors, { resource: "Request", code: "custom", message: `Authorization: ${req.headers.authorization ?? ""}; body: ${sent}` }],
    },
  };
}
