import assert from "node:assert/strict";
import { randomBytes, scryptSync } from "node:crypto";
import { matchesFingerprint } from "../provider/values/fingerprint";

/*
 * The largest cost a state's fingerprint may ask for is still compared: ln = 20 (N = 2^20,
 * with r = 2, the least scrypt allows for such an N, that is 256 MiB and about a second).
 */

const value = "fingerprinted-at-the-limit";
const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");
function phc(ln: number): string {
  const salt = randomBytes(16);
  const hash = scryptSync(Buffer.from(value, "utf8"), salt, 32, { N: 2 ** ln, r: 2, p: 1, maxmem: 2 ** 30 });
  return `$scrypt$ln=${ln},r=2,p=1$${b64(salt)}$${b64(hash)}`;
}

describe("fingerprint cost limits", () => {
  it("compares a fingerprint at ln = 20, the limit", async () => {
    const atLimit = phc(20);
    assert.equal(await matchesFingerprint(value, atLimit), true);
    assert.equal(await matchesFingerprint(`${value}!`, atLimit), false);
  });
});
