import assert from "node:assert/strict";
import { randomBytes, scryptSync } from "node:crypto";
import { fingerprint, matchesFingerprint } from "../../provider/values/fingerprint";

/*
 * The fingerprint of a `valueFrom` value, kept in the state so that diff can tell whether the
 * source changed without storing the value: scrypt in a PHC string, with a salt of its own.
 */

describe("fingerprints: made from a value", () => {
  const secret = "s3cr3t-from-the-vault";

  it("matches its value only, with a fresh salt each time, and holds no trace of the value", async () => {
    const a = await fingerprint(secret);
    const b = await fingerprint(secret);
    assert.match(a, /^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.notEqual(a, b, "a random salt per fingerprint");
    assert.ok(!a.includes(secret) && !a.includes(Buffer.from(secret).toString("base64").slice(0, 12)));
    assert.equal(await matchesFingerprint(secret, a), true);
    assert.equal(await matchesFingerprint(secret, b), true);
    assert.equal(await matchesFingerprint(`${secret}x`, a), false);
    assert.equal(await matchesFingerprint(secret, undefined), false);
    assert.equal(await matchesFingerprint(secret, "not a fingerprint"), false);
    assert.equal(await matchesFingerprint(secret, a.replace("ln=14", "ln=40")), false, "a tampered cost is refused, not attempted");
  });
});

/*
 * Fingerprints as a state holds them: the PHC string carries scrypt's parameters, so one made
 * with other (older or newer) parameters still compares, and a tampered one matches nothing
 * (it neither throws nor costs unbounded memory).
 */

const value = "fingerprinted-value-42";
const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");
/** A PHC scrypt string made independently of the provider, with the given parameters. */
function phc(ln: number, r: number, p: number, text = value): string {
  const salt = randomBytes(16);
  const hash = scryptSync(Buffer.from(text, "utf8"), salt, 32, { N: 2 ** ln, r, p, maxmem: 2 ** 30 });
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(hash)}`;
}

describe("fingerprints: from a state, other parameters still compare, tampered ones match nothing", () => {
  it("compares a fingerprint made with other parameters, up to the limits", async () => {
    for (const [ln, r, p] of [[1, 1, 1], [10, 4, 2], [1, 16, 16]] as const) {
      const stored = phc(ln, r, p);
      assert.equal(await matchesFingerprint(value, stored), true, stored);
      assert.equal(await matchesFingerprint(`${value}!`, stored), false, stored);
    }
  });

  it("matches nothing, without throwing, when parameters are out of bounds or the string is altered", async () => {
    const good = await fingerprint(value);
    const outOfBounds = [phc(1, 17, 1), phc(1, 1, 17), good.replace("ln=14", "ln=0"), good.replace("r=8", "r=0"), good.replace("p=1", "p=0")];
    for (const stored of outOfBounds) assert.equal(await matchesFingerprint(value, stored), false, stored);
    const altered = [`x${good}`, `${good}$x`, good.slice(0, -4), `${good}AAAA`];
    for (const stored of altered) assert.equal(await matchesFingerprint(value, stored), false, stored);
  });
});

/*
 * The largest cost a state's fingerprint may ask for is still compared: ln = 20 (N = 2^20,
 * with r = 2, the least scrypt allows for such an N, that is 256 MiB and about a second).
 */

describe("fingerprints: the largest cost a state may ask for", () => {
  const value = "fingerprinted-at-the-limit";

  it("compares a fingerprint at ln = 20, the limit", async () => {
    const atLimit = phc(20, 2, 1, value);
    assert.equal(await matchesFingerprint(value, atLimit), true);
    assert.equal(await matchesFingerprint(`${value}!`, atLimit), false);
  });
});
