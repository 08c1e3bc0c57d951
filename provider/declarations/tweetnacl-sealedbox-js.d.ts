// tweetnacl-sealedbox-js ships no types. It implements libsodium's crypto_box_seal on top of
// tweetnacl: https://libsodium.gitbook.io/doc/public-key_cryptography/sealed_boxes
declare module "tweetnacl-sealedbox-js" {
  /** Bytes a sealed box adds to its message: an ephemeral public key (32) and a MAC (16). */
  export const overheadLength: number;
  export function seal(message: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array;
  export function open(
    sealed: Uint8Array,
    recipientPublicKey: Uint8Array,
    recipientSecretKey: Uint8Array,
  ): Uint8Array | null;
}
