// A request's body, read whole and parsed as JSON. What is wrong with it (too large, not JSON) is
// reported rather than thrown: the server answers it only after authentication and routing, in
// the order GitHub does.

import type { IncomingMessage } from "node:http";

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export type BodyProblem = "json" | "size";

export interface RequestBody {
  /** The bytes received; undefined when they exceed MAX_BODY_BYTES (the rest is drained). */
  raw: Buffer | undefined;
  /** The parsed JSON, or undefined (no body, or a problem). */
  body: unknown;
  problem: BodyProblem | undefined;
}

export async function readRequestBody(req: IncomingMessage): Promise<RequestBody> {
  const raw = await readBody(req);
  if (raw === undefined) return { raw, body: undefined, problem: "size" };
  if (raw.length === 0) return { raw, body: undefined, problem: undefined };
  try {
    return { raw, body: JSON.parse(raw.toString("utf8")), problem: undefined };
  } catch {
    return { raw, body: undefined, problem: "json" };
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(b);
  }
  return tooLarge ? undefined : Buffer.concat(chunks);
}
