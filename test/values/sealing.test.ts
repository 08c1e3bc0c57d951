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

  it("refuses a key that is not canonical standard base64 of 32 bytes", () => {
    const key = Buffer.alloc(32, 0xfb).toString("base64"); // "+/v7…="
    sealForGitHub("x", key);
    for (const bad of [key.replaceAll("+", "-").replaceAll("/", "_"), key.replace("=", ""), ` ${key}`, `${key.slice(0, 8)}.${key.slice(8)}`]) {
      assert.throws(() => sealForGitHub("x", bad), { message: "The public key to seal for is not canonical standard base64 (alphabet A-Z a-z 0-9 + /, padded with =)" });
    }
    assert.throws(() => sealForGitHub("x", Buffer.alloc(31, 1).toString("base64")), { message: "The public key to seal for is 31 bytes; a sealed box needs a 32-byte X25519 key" });
  });

  it("refuses every point libsodium refuses as of small order, with the top bit set too, and only those", () => {
    // libsodium's list (crypto_scalarmult/curve25519/ref10/x25519_ref10.c, has_small_order), little-endian.
    const listed = [
      "00".repeat(32),
      `01${"00".repeat(31)}`,
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
      "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
      `ec${"ff".repeat(30)}7f`,
      `ed${"ff".repeat(30)}7f`,
      `ee${"ff".repeat(30)}7f`,
    ];
    const withTopBit = (hex: string) => hex.slice(0, 62) + (parseInt(hex.slice(62), 16) | 0x80).toString(16).padStart(2, "0");
    const scalar = sodium.randombytes_buf(32);
    for (const hex of [...listed, ...listed.map(withTopBit)]) {
      const key = Buffer.from(hex, "hex");
      assert.throws(() => sodium.crypto_scalarmult(scalar, key), Error, `libsodium accepts ${hex}`);
      assert.throws(() => sealForGitHub("value-not-shown", key.toString("base64")), (error: Error) => {
        assert.equal(error.message, "The public key to seal for is a small-order point, for which every sealed value could be opened by anyone");
        return true;
      });
    }
    // Neighbours of the listed points, and a real key with its top bit set, are sealed for.
    const real = Buffer.from(sodium.crypto_box_keypair().publicKey);
    real[31]! |= 0x80;
    for (const key of [Buffer.from(`02${"00".repeat(31)}`, "hex"), Buffer.from(`ef${"ff".repeat(30)}7f`, "hex"), real]) {
      assert.doesNotThrow(() => sodium.crypto_scalarmult(scalar, key));
      sealForGitHub("x", key.toString("base64"));
    }
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
