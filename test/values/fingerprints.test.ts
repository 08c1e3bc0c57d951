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
 * with older, cheaper parameters still compares. Nothing above what this library writes is
 * attempted: a correct fingerprint with a higher cost, a longer salt or another hash length
 * matches nothing (it neither throws nor costs what a tampered state asks for).
 */

const value = "fingerprinted-value-42";
const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");
/** A PHC scrypt string made independently of the provider, with the given parameters. */
function phc(ln: number, r: number, p: number, text = value, saltBytes = 16, hashBytes = 32): string {
  const salt = randomBytes(saltBytes);
  const hash = scryptSync(Buffer.from(text, "utf8"), salt, hashBytes, { N: 2 ** ln, r, p, maxmem: 2 ** 30 });
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(hash)}`;
}

describe("fingerprints: from a state, cheaper parameters still compare, costlier or tampered ones match nothing", () => {
  it("compares a fingerprint made with parameters up to what this library writes (ln=14, r=8, p=1)", async () => {
    for (const [ln, r, p] of [[1, 1, 1], [10, 4, 1], [14, 8, 1]] as const) {
      const stored = phc(ln, r, p);
      assert.equal(await matchesFingerprint(value, stored), true, stored);
      assert.equal(await matchesFingerprint(`${value}!`, stored), false, stored);
    }
  });

  it("reads the parameters as decimal numbers: a leading zero, which the PHC format lets a reader accept, is the same cost", async () => {
    const stored = phc(1, 8, 1).replace("r=8", "r=08").replace("p=1", "p=01");
    assert.equal(await matchesFingerprint(value, stored), true, stored);
  });

  it("refuses, as matching nothing, a correct fingerprint that asks for more than this library writes", async () => {
    // Each is the right hash of the right value: only the cap makes it not match.
    const costlier = [phc(15, 8, 1), phc(14, 9, 1), phc(14, 8, 2), phc(1, 1, 1, value, 17), phc(1, 1, 1, value, 64), phc(1, 1, 1, value, 16, 33)];
    for (const stored of costlier) assert.equal(await matchesFingerprint(value, stored), false, stored);
    // What a tampered state could ask for: ln=40 alone is 2^40 blocks. Refused before scrypt runs.
    const good = await fingerprint(value);
    for (const stored of [good.replace("ln=14", "ln=40"), good.replace("r=8", "r=99"), good.replace("p=1", "p=99")]) {
      assert.equal(await matchesFingerprint(value, stored), false, stored);
    }
  });

  it("matches nothing, without throwing, when parameters are zero or the string is altered", async () => {
    const good = await fingerprint(value);
    const outOfBounds = [good.replace("ln=14", "ln=0"), good.replace("r=8", "r=0"), good.replace("p=1", "p=0"), phc(1, 1, 1, value, 15)];
    for (const stored of outOfBounds) assert.equal(await matchesFingerprint(value, stored), false, stored);
    const altered = [`x${good}`, `${good}$x`, good.slice(0, -4), `${good}AAAA`];
    for (const stored of altered) assert.equal(await matchesFingerprint(value, stored), false, stored);
  });
});
