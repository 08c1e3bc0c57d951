/* eslint-disable @typescript-eslint/no-explicit-any */
// What the emulator's suites share: one emulator per suite (useEmulator), plain fetch calls with
// its token, values sealed with libsodium-wrappers' crypto_box_seal, Link headers, and the
// check of a response against GitHub's OpenAPI schema.

import assert from "node:assert/strict";
import sodium from "libsodium-wrappers";
import { startEmulator, type GitHubEmulator } from "../index";

/** The emulator of the suite that is running (set by useEmulator's hooks). */
export let emu: GitHubEmulator;

/**
 * Starts an emulator of the suite's own for `suite` and resets it before each test. The hooks sit
 * inside the suite's describe, so they are no root hooks of the whole run.
 */
export function useEmulator(suite: Mocha.Suite): void {
  suite.timeout(10000);

  before(async () => {
    await sodium.ready;
    emu = await startEmulator();
  });

  after(async () => {
    await emu?.close();
  });

  beforeEach(() => emu.reset());
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(
  method: string,
  path: string,
  body?: unknown,
  opts: { auth?: string | null; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { accept: "application/vnd.github+json", ...opts.headers };
  const auth = opts.auth === undefined ? `token ${emu.token}` : opts.auth;
  if (auth !== null) headers.authorization = auth;
  let payload: string | undefined = opts.rawBody;
  if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["content-type"] = "application/json";
  }
  const url = path.startsWith("http") ? path : `${emu.url}${path}`;
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const B64 = (): number => sodium.base64_variants.ORIGINAL;

export function seal(value: string | Uint8Array, keyBase64: string): string {
  return sodium.to_base64(sodium.crypto_box_seal(value, sodium.from_base64(keyBase64, B64())), B64());
}

export async function sealedFor(base: string, value: string | Uint8Array): Promise<{ encrypted_value: string; key_id: string }> {
  const key = await call("GET", `${base}/secrets/public-key`);
  assert.equal(key.status, 200);
  return { encrypted_value: seal(value, key.body.key), key_id: key.body.key_id };
}

export function parseLink(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(",")) {
    const m = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export async function octokit() {
  const { Octokit } = await import("@octokit/rest");
  return new Octokit({ auth: emu.token, baseUrl: emu.url, log: quiet });
}

export function checkResponse(template: string, method: string, suffix: string, status: number, body: unknown): void {
  const problem = emu.openapi.validateResponse(`${method} ${template}${suffix}`, status, body);
  assert.equal(problem, undefined, `${method} ${template}${suffix} → ${status}: ${problem}`);
}
