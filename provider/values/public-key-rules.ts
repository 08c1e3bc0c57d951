/**
 * What a container's public key must be before anything is sealed for it. GitHub sends an
 * X25519 public key as standard base64 with a key id
 * (https://docs.github.com/en/rest/actions/secrets#get-a-repository-public-key). Node's
 * base64 decoder skips junk and takes the URL-safe alphabet, and tweetnacl seals for a
 * small-order point with an all-zero shared secret, which libsodium refuses: so the text must
 * be canonical base64 of 32 bytes, and the point none of those libsodium rejects.
 */

export const PUBLIC_KEY_BYTES = 32;

/** 2^255 - 19, Curve25519's field prime. */
const P = 2n ** 255n - 19n;

/**
 * The points of order 1, 2, 4 and 8 as libsodium lists them in `has_small_order`
 * (src/libsodium/crypto_scalarmult/curve25519/ref10/x25519_ref10.c): 0, 1, the two of order 8,
 * and p - 1, p, p + 1 (non-canonical 0 and 1), little-endian.
 */
const SMALL_ORDER_POINTS: readonly Buffer[] = [
  0n,
  1n,
  325606250916557431795983626356110631294008115727848805560023387167927233504n,
  39382357235489614581723060781553021112529911719440698176882885853963445705823n,
  P - 1n,
  P,
  P + 1n,
].map(littleEndian);

function littleEndian(n: bigint): Buffer {
  const bytes = Buffer.alloc(PUBLIC_KEY_BYTES);
  for (let i = 0; i < PUBLIC_KEY_BYTES; i++) bytes[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return bytes;
}

/** Why `key` (base64 text) must not be sealed for, or undefined when it may. */
export function publicKeyProblem(key: unknown): string | undefined {
  if (typeof key !== "string") return "has no `key` text";
  const bytes = Buffer.from(key, "base64");
  if (bytes.toString("base64") !== key) return "is not canonical standard base64 (alphabet A-Z a-z 0-9 + /, padded with =)";
  if (bytes.length !== PUBLIC_KEY_BYTES) return `is ${bytes.length} bytes; a sealed box needs a ${PUBLIC_KEY_BYTES}-byte X25519 key`;
  // X25519 ignores the top bit of the last byte (RFC 7748, section 5), and so does libsodium's check.
  const point = Buffer.from(bytes);
  point[PUBLIC_KEY_BYTES - 1]! &= 0x7f;
  if (SMALL_ORDER_POINTS.some((small) => small.equals(point))) return "is a small-order point, for which every sealed value could be opened by anyone";
  return undefined;
}

/** Why `keyId` must not be sent as the key's id, or undefined when it may. */
export function keyIdProblem(keyId: unknown): string | undefined {
  return typeof keyId === "string" && keyId !== "" ? undefined : "has no `key_id` text";
}
