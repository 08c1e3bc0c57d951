import type * as SealedBox from "tweetnacl-sealedbox-js";
import { publicKeyProblem } from "./public-key-rules";

/**
 * A sealed box adds an ephemeral public key (32 bytes) and a MAC (16) to the message:
 * tweetnacl-sealedbox-js's `overheadLength` (a test holds them equal). Spelled out, so that
 * `check` can bound a sealed value's size without loading the cipher: only a write seals.
 */
export const SEALED_BOX_OVERHEAD = 48;

/**
 * Seals `value` (its UTF-8 bytes) for the holder of `publicKey`, the way GitHub asks:
 * libsodium's `crypto_box_seal`, then standard (not URL-safe) base64.
 * https://docs.github.com/en/rest/guides/encrypting-secrets-for-the-rest-api
 */
export function sealForGitHub(value: string, publicKey: string): string {
  // Checked where the key is fetched (github/public-keys.ts) too; here, so no caller seals for a bad one.
  const problem = publicKeyProblem(publicKey);
  if (problem !== undefined) throw new Error(`The public key to seal for ${problem}`);
  const key = Buffer.from(publicKey, "base64");
  const { seal } = require("tweetnacl-sealedbox-js") as typeof SealedBox;
  // Stryker disable next-line StringLiteral: Buffer.from(text, "") falls back to UTF-8, the same bytes
  const sealed = seal(new Uint8Array(Buffer.from(value, "utf8")), new Uint8Array(key));
  return Buffer.from(sealed).toString("base64");
}
