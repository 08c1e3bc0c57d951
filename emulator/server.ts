// The HTTP side: a node:http server on 127.0.0.1 that authenticates, routes, validates bodies
// against the OpenAPI schemas, applies faults and rate limits, answers like api.github.com and
// records every request.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { authenticate, authorizeInstallation } from "./access-control";
import { ApiError, GENERIC_DOCS, invalidRequest, notFound } from "./api-error";
import { resolveFromParams } from "./containers";
import type { EmulatorCore } from "./core";
import { withEcho } from "./echo";
import { defaultFaultBody, FaultInjector } from "./faults";
import type { HandlerResult } from "./handler-types";
import { WRITE_METHODS } from "./matchers";
import { headerSubset, RequestLog } from "./request-log";
import { readRequestBody, type BodyProblem } from "./request-body";
import { isSupportedApiVersion, sendResult } from "./response";
import { PrimaryRateLimit, SecondaryRateLimit } from "./rate-limit";
import type { RouteMatch, Router } from "./routes";

const preciseNow = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface ServerParts {
  core: EmulatorCore;
  router: Router;
  token: string;
  /** Serve under this path, as GitHub Enterprise Server does under "/api/v3" ("" for none). */
  pathPrefix: string;
}

export class EmulatorServer {
  readonly faults = new FaultInjector();
  readonly log = new RequestLog();
  readonly primary = new PrimaryRateLimit();
  readonly secondary = new SecondaryRateLimit();
  latencyMs = 0;
  /** Error bodies repeat the request's headers and body (see echo.ts). */
  echoRequests = false;
  private readonly http: Server;

  constructor(private readonly parts: ServerParts) {
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        // Last resort: never leave a client hanging.
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
          res.end(JSON.stringify({ message: `emulator failure: ${String(e)}`, documentation_url: GENERIC_DOCS }));
        } else res.destroy();
      });
    });
    // GitHub keeps connections open. Node's fetch (undici) keeps one for the server's
    // `Keep-Alive: timeout` hint less a second, so a 1 s hint made it open a connection per
    // request; 5 s is Node's own default.
    this.http.keepAliveTimeout = 5000;
  }

  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(port, "127.0.0.1", () => {
        this.http.off("error", reject);
        resolve();
      });
    });
    const { port: actual } = this.http.address() as AddressInfo;
    return `http://127.0.0.1:${actual}${this.parts.pathPrefix}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = preciseNow();
    const method = (req.method ?? "GET").toUpperCase();
    const rawUrl = req.url ?? "/";
    const qIndex = rawUrl.indexOf("?");
    const fullPath = qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex);
    // Under a prefix (GHES: /api/v3), a path outside it matches no route.
    const prefix = this.parts.pathPrefix;
    const rawPath = prefix === "" ? fullPath : fullPath.startsWith(`${prefix}/`) ? fullPath.slice(prefix.length) : `/outside-prefix${fullPath}`;
    const rawQuery = qIndex === -1 ? "" : rawUrl.slice(qIndex + 1);
    const seq = this.log.nextSeq();

    const { raw, body, problem: bodyProblem } = await readRequestBody(req);

    const match = this.parts.router.match(method, rawPath);
    const routeKey = match?.route.key;
    const docs = routeKey ? (this.parts.core.validator.operation(routeKey)?.documentationUrl ?? undefined) : undefined;

    let result: HandlerResult;
    let faulted = false;
    let delayMs = this.latencyMs;
    let release = (): void => {};
    const fault = this.faults.take(method, routeKey, rawPath);
    if (fault) {
      faulted = true;
      result = { status: fault.status, body: fault.body ?? defaultFaultBody(fault.status), headers: fault.headers ?? {} };
      delayMs += fault.delayMs ?? 0;
    } else {
      const admission = this.secondary.admit(method);
      release = admission.release;
      if (admission.refusal) {
        faulted = true;
        result = { status: admission.refusal.status, body: admission.refusal.body, headers: admission.refusal.headers ?? {} };
      } else {
        result = this.dispatch(req, method, rawPath, rawQuery, match, body, bodyProblem, docs);
      }
    }

    if (this.echoRequests) result = withEcho(result, req, raw);
    try {
      if (delayMs > 0) await sleep(delayMs);
      sendResult(res, result, {
        requestedVersion: req.headers["x-github-api-version"],
        date: this.parts.core.clock.responseDate(WRITE_METHODS.has(method)),
        rateLimit: this.primary.count(),
      });
    } finally {
      release();
    }
    this.log.add({
      seq,
      method,
      path: rawPath,
      query: rawQuery,
      route: routeKey,
      params: match?.params ?? {},
      status: result.status,
      body,
      headers: headerSubset(req.headers),
      fault: faulted,
      startedAt,
      finishedAt: preciseNow(),
    });
  }

  private dispatch(
    req: IncomingMessage,
    method: string,
    rawPath: string,
    rawQuery: string,
    match: RouteMatch | undefined,
    body: unknown,
    bodyProblem: BodyProblem | undefined,
    docs: string | undefined,
  ): HandlerResult {
    try {
      const core = this.parts.core;
      const principal = authenticate(req, match, this.parts.token, core);
      const version = req.headers["x-github-api-version"];
      if (typeof version === "string" && !isSupportedApiVersion(version)) {
        throw new ApiError(400, `The requested API version "${version}" is not supported.`);
      }
      if (!match) throw notFound();
      if (bodyProblem === "size") throw new ApiError(413, "Request body too large");
      if (bodyProblem === "json") throw new ApiError(400, "Problems parsing JSON");
      const { route, params } = match;
      const container = route.scope ? resolveFromParams(core.world, route.scope, params) : undefined;
      if (principal.kind === "installation") authorizeInstallation(core, principal, method, match, container);
      const problem = core.validator.validateBody(route.key, body);
      if (problem !== undefined) throw invalidRequest(problem);
      return route.handler({
        core,
        routeKey: route.key,
        params,
        query: new URLSearchParams(rawQuery),
        body,
        rawPath,
        container,
        principal,
      });
    } catch (e) {
      if (e instanceof ApiError) return { status: e.status, body: e.body(docs), headers: e.extra.headers ?? {} };
      const message = e instanceof Error ? e.message : String(e);
      console.error(`[github-emulator] ${method} ${rawPath}: ${e instanceof Error ? (e.stack ?? message) : message}`);
      return { status: 500, body: { message: `emulator bug: ${message}`, documentation_url: GENERIC_DOCS, status: "500" } };
    }
  }
}
