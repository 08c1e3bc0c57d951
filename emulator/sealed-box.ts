// X25519 key pairs and libsodium sealed-box opening (libsodium-wrappers, deliberately not
// tweetnacl: the emulator must be an implementation independent of the client's).

import { randomInt } from "node:crypto";
import sodium from "libsodium-wrappers";

export interface KeyPair {
  /** GitHub's key ids are numeric strings, e.g. "3380204578043523366". */
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})?$/;

let ready = false;

export async function sodiumReady(): Promise<void> {
  await sodium.ready;
  ready = true;
}

function assertReady(): void {
  if (!ready) throw new Error("libsodium is not initialised: await sodiumReady() first");
}

function randomKeyId(): string {
  // 19 digits, not starting with 0.
  let id = String(randomInt(1, 10));
  while (id.length < 19) id += String(randomInt(0, 10));
  return id;
}

export function generateKeyPair(): KeyPair {
  assertReady();
  const kp = sodium.crypto_box_keypair();
  return { keyId: randomKeyId(), publicKey: kp.publicKey, privateKey: kp.privateKey };
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

/** Strict standard base64 (padding required, no URL-safe alphabet, no whitespace). */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!STANDARD_BASE64.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, "base64"));
}

export type OpenResult = { ok: true; plaintext: Uint8Array } | { ok: false; reason: "base64" | "decrypt" };

/** Opens `crypto_box_seal(plaintext, keyPair.publicKey)` given as standard base64. */
export function openSealedBox(encryptedBase64: string, keyPair: KeyPair): OpenResult {
  assertReady();
  const ciphertext = decodeBase64Strict(encryptedBase64);
  if (ciphertext === undefined) return { ok: false, reason: "base64" };
  if (ciphertext.length < sodium.crypto_box_SEALBYTES) return { ok: false, reason: "decrypt" };
  try {
    const plaintext = sodium.crypto_box_seal_open(ciphertext, keyPair.publicKey, keyPair.privateKey);
    return { ok: true, plaintext };
  } catch {
    return { ok: false, reason: "decrypt" };
  }
}
