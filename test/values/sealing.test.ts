import assert from "node:assert/strict";
import sodium from "libsodium-wrappers";
import nacl from "tweetnacl";
import { open, overheadLength } from "tweetnacl-sealedbox-js";
import { SEALED_BOX_OVERHEAD, sealForGitHub } from "../../provider/values/sealing";

// Sizes from the empty value to GitHub's 48 KB limit.
const SIZES = [0, 1, 1024, 48 * 1024];

/** Printable but varied text of `bytes` UTF-8 bytes (multi-byte characters included). */
function valueOf(bytes: number): string {
  const pattern = "pässwörd-🔑-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-";
  let text = "";
  while (Buffer.byteLength(text) + Buffer.byteLength(pattern) <= bytes) text += pattern;
  while (Buffer.byteLength(text) < bytes) text += "x";
  return text;
}

describe("sealing: libsodium sealed boxes, opened both ways, a fresh key each time", () => {
  before(async () => {
    await sodium.ready;
  });

  for (const size of SIZES) {
    it(`seals ${size} bytes so that libsodium opens them`, () => {
      const value = valueOf(size);
      assert.equal(Buffer.byteLength(value), size);
      const keyPair = sodium.crypto_box_keypair();
      const sealed = sealForGitHub(value, Buffer.from(keyPair.publicKey).toString("base64"));
      assert.match(sealed, /^[A-Za-z0-9+/]*={0,2}$/, "standard base64, not URL-safe");
      const bytes = Buffer.from(sealed, "base64");
      assert.equal(bytes.length, size + SEALED_BOX_OVERHEAD);
      const opened = sodium.crypto_box_seal_open(bytes, keyPair.publicKey, keyPair.privateKey);
      assert.equal(Buffer.from(opened).toString("utf8"), value);
    });

    it(`opens what libsodium sealed at ${size} bytes (the same construction both ways)`, () => {
      const value = valueOf(size);
      const keyPair = nacl.box.keyPair();
      const sealed = sodium.crypto_box_seal(Buffer.from(value), keyPair.publicKey);
      const opened = open(sealed, keyPair.publicKey, keyPair.secretKey);
      assert.ok(opened, "tweetnacl-sealedbox-js could not open libsodium's box");
      assert.equal(Buffer.from(opened).toString("utf8"), value);
    });
  }

  it("uses a fresh ephemeral key every time", () => {
    const { publicKey } = nacl.box.keyPair();
    const key = Buffer.from(publicKey).toString("base64");
    assert.notEqual(sealForGitHub("same", key), sealForGitHub("same", key));
  });

  it("refuses a key that is not 32 bytes", () => {
    assert.throws(() => sealForGitHub("x", Buffer.alloc(31).toString("base64")), /32-byte X25519 key/);
  });

  it("does not open with another key", () => {
    const a = sodium.crypto_box_keypair();
    const b = sodium.crypto_box_keypair();
    const sealed = Buffer.from(sealForGitHub("secret", Buffer.from(a.publicKey).toString("base64")), "base64");
    assert.throws(() => sodium.crypto_box_seal_open(sealed, b.publicKey, b.privateKey));
  });

  it("spells out the sealed box's overhead as the library defines it, and as libsodium does", () => {
    assert.equal(SEALED_BOX_OVERHEAD, overheadLength);
    assert.equal(SEALED_BOX_OVERHEAD, sodium.crypto_box_SEALBYTES);
  });
});
