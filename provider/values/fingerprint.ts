import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/*
 * A fingerprint of a `valueFrom` value: enough to notice that the source now yields another
 * value, without keeping the value. It is a slow, salted hash (scrypt, RFC 7914, from Node's
 * own crypto), so that even a decrypted, leaked state does not allow a cheap guess; the salt
 * is random for every write of every resource, so two resources (or two stacks) holding the
 * same value have unrelated fingerprints. It lives in the resource's outputs, as a Pulumi
 * secret, because `diff` only gets the old outputs and the new inputs and may not write
 * anything: the salt and the cost parameters travel inside the fingerprint, in the PHC string
 * format (https://github.com/P-H-C/phc-string-format/blob/master/phc-sf-spec.md):
 *
 *   $scrypt$ln=14,r=8,p=1$<salt, base64>$<hash, base64>
 *
 * Cost: scrypt's "interactive" setting (N = 2^14, r = 8, p = 1; 16 MiB per hash), paid once
 * per `valueFrom` secret by a preview and by every guess an attacker makes (figures:
 * docs/measurements.md). Slow is not safe: whoever can decrypt the state can test guesses
 * offline, so a PIN or a word is recovered; the README says so.
 *
 * Parameters are read back from each fingerprint, so older, cheaper ones still compare; but
 * never above what this library writes, nor a salt or hash of another length: a tampered state
 * could otherwise ask for gigabytes and minutes per comparison. Such a fingerprint matches
 * nothing, so the value counts as changed and the next `up` writes it with a fresh fingerprint.
 */

const ALGORITHM = "scrypt";
const PARAMETERS = { ln: 14, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

interface Parameters {
  ln: number;
  r: number;
  p: number;
}

/** A new fingerprint of `value`, with a fresh random salt. */
export async function fingerprint(value: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await hashWith(value, salt, PARAMETERS);
  return format(PARAMETERS, salt, hash);
}

/** True when `fingerprint` was made from `value`. An unreadable fingerprint matches nothing. */
export async function matchesFingerprint(value: string, stored: string | undefined): Promise<boolean> {
  // Stryker disable next-line ConditionalExpression: parse(undefined) matches no fingerprint either
  const parsed = stored === undefined ? undefined : parse(stored);
  if (!parsed) return false;
  const hash = await hashWith(value, parsed.salt, parsed.parameters);
  return (
    // Stryker disable next-line ConditionalExpression: parse admits a 43-character hash only, the 32 bytes hashWith makes
    hash.length === parsed.hash.length && timingSafeEqual(hash, parsed.hash)
  );
}

function hashWith(value: string, salt: Buffer, { ln, r, p }: Parameters): Promise<Buffer> {
  const N = 2 ** ln;
  // Exactly what scrypt needs, by OpenSSL's count (which Node applies): Node refuses more than
  // 32 MiB unless told, and p counts too. The parameters are bounded by parse, so is this.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * r * (N + p + 2) };
  return new Promise((resolve, reject) =>
    // Stryker disable next-line StringLiteral: Buffer.from reads an empty encoding name as UTF-8
    scrypt(Buffer.from(value, "utf8"), salt, HASH_BYTES, options, (error, hash) => (error ? reject(error) : resolve(hash))),
  );
}

function format({ ln, r, p }: Parameters, salt: Buffer, hash: Buffer): string {
  // Stryker disable next-line Regex: base64 has "=" at its end only
  const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");
  return `$${ALGORITHM}$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(hash)}`;
}

function parse(text: string): { parameters: Parameters; salt: Buffer; hash: Buffer } | undefined {
  // Unpadded base64 of SALT_BYTES (16: 22 characters) and HASH_BYTES (32: 43 characters).
  const match = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/.exec(text);
  if (!match) return undefined;
  const [ln, r, p] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  if (ln < 1 || ln > PARAMETERS.ln || r < 1 || r > PARAMETERS.r || p < 1 || p > PARAMETERS.p) return undefined;
  return { parameters: { ln, r, p }, salt: Buffer.from(match[4]!, "base64"), hash: Buffer.from(match[5]!, "base64") };
}
