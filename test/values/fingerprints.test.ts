import assert from "node:assert/strict";
import { randomBytes, scryptSync } from "node:crypto";
import { fingerprint, matchesFingerprint } from "../../provider/values/fingerprint";

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

describe("fingerprints from a state", () => {
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
