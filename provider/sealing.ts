import { overheadLength, seal } from "tweetnacl-sealedbox-js";

/** GitHub's keys are 32-byte X25519 public keys, sent as standard base64. */
const PUBLIC_KEY_BYTES = 32;

/** A sealed box adds an ephemeral public key and a MAC to the message: 48 bytes. */
export const SEALED_BOX_OVERHEAD: number = overheadLength;

/**
 * Seals `value` (its UTF-8 bytes) for the holder of `publicKey`, the way GitHub asks:
 * libsodium's `crypto_box_seal`, then standard (not URL-safe) base64.
 * https://docs.github.com/en/rest/guides/encrypting-secrets-for-the-rest-api
 */
export function sealForGitHub(value: string, publicKey: string): string {
  const key = Buffer.from(publicKey, "base64");
  if (key.length !== PUBLIC_KEY_BYTES) {
    throw new Error(
      `GitHub returned a public key of ${key.length} bytes; a sealed box needs a ${PUBLIC_KEY_BYTES}-byte X25519 key`,
    );
  }
  // Stryker disable next-line StringLiteral: Buffer.from(text, "") falls back to UTF-8, the same bytes
  const sealed = seal(new Uint8Array(Buffer.from(value, "utf8")), new Uint8Array(key));
  return Buffer.from(sealed).toString("base64");
}
