/*
 * What is searched for in each decoded view of a message (decoded-views.ts): the secret
 * itself, and its base64 (also of its JSON-escaped text). Base64 is not decoded in place,
 * since a text does not say where a base64 string starts; the secret's own encodings are
 * searched for instead, standard and URL-safe (RFC 4648), alone or inside a longer base64
 * text (an `Authorization: Basic` header encodes "x-access-token:" + token) at each of the
 * three byte alignments.
 */

/**
 * A secret of fewer characters is searched for only as a whole JSON string ("q7z", in an
 * echoed request body): anywhere else it would match ordinary words, and masking every "abc"
 * would show by the gaps which letters the value holds.
 */
export const MIN_FREE_STANDING = 4;

/**
 * The secret, then its base64 forms, and those of its JSON-escaped text: a JSON body in base64
 * holds a value with a quote or a backslash escaped, which no view decodes.
 */
export function secretForms(secret: string): string[] {
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, ...base64Forms(secret), ...base64Forms(jsonEscaped)])];
}

/**
 * The base64 of `secret`'s UTF-8 bytes, standard and URL-safe: the whole encoding, with and
 * without its `=` padding, and for each alignment the characters that depend on its bytes
 * alone. Preceded by 1 or 2 other bytes, its bits start inside a character; characters
 * carrying both are left out, so at most a few bits of its first and last bytes stay visible.
 * Fragments shorter than MIN_FREE_STANDING are left out: they would match words.
 */
export function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret); // UTF-8
  const whole = bytes.toString("base64");
  // Stryker disable next-line Regex: base64 holds "=" only as its closing padding
  const standard = [whole, whole.replace(/=+$/, "")];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    standard.push(encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6)));
  }
  const forms = standard.flatMap((form) => [form, form.replace(/\+/g, "-").replace(/\//g, "_")]);
  return [...new Set(forms)].filter((form) => form.length >= MIN_FREE_STANDING);
}
