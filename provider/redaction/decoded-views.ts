import { isUtf8 } from "node:buffer";

/*
 * A message that quotes a request (a proxy's error, GitHub's, a library's warning) holds what
 * was sent in whatever encoding it travelled or was logged in. Rather than encode each secret
 * every possible way, the text is decoded every way it could have been encoded, and each
 * decoded view keeps, for every code unit, the stretch of the original text it came from, so
 * that a secret found in a view masks the original characters. Decoding works escape by
 * escape, so a text mixing forms (JSON escaping only non-ASCII characters) decodes as well.
 * Layers are decoded too: JSON quoted in JSON (a proxy quoting GitHub's error body), and JSON
 * percent- or form-encoded; a layer's escapes would otherwise split the value into visible parts.
 */

/** A decoding of a text: `text[i]` came from the original's `from[i]` up to `to[i]`. */
export interface DecodedView {
  readonly text: string;
  readonly from: readonly number[];
  readonly to: readonly number[];
}

/**
 * The text as written, JSON-unescaped, and percent-decoded with `+` kept and with `+` read as
 * a space (a form body: encodeURIComponent escapes `+`, encodeURI does not); then each of the
 * last three JSON-unescaped once more.
 */
export function decodedViews(text: string): DecodedView[] {
  // By UTF-16 code unit, as the views index.
  const units = { length: text.length };
  const written = { text, from: Array.from(units, (_, i) => i), to: Array.from(units, (_, i) => i + 1) };
  const decodings = [decode(written, jsonEscapeAt), decode(written, percentEscapeAt(false)), decode(written, percentEscapeAt(true))];
  return [written, ...decodings, ...decodings.map((view) => decode(view, jsonEscapeAt))];
}

/** The decoded code units and the length of the escape at `i`, or undefined when none starts there. */
type EscapeReader = (text: string, i: number) => { units: string; length: number } | undefined;

/** `view` decoded once more, each code unit still mapped to the stretch of the original it came from. */
function decode(view: DecodedView, escapeAt: EscapeReader): DecodedView {
  const { text } = view;
  let decoded = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const escape = escapeAt(text, i) ?? { units: text[i]!, length: 1 };
    decoded += escape.units;
    for (let unit = 0; unit < escape.units.length; unit++) {
      from.push(view.from[i]!);
      to.push(view.to[i + escape.length - 1]!);
    }
    i += escape.length;
  }
  return { text: decoded, from, to };
}

/** JSON's short escapes, with JavaScript's and Python's `\'`. https://www.rfc-editor.org/rfc/rfc8259#section-7 */
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '"', "'": "'", "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** `\n`, `\"`, `\\`, `\/`…, and `\uXXXX` in either case (a non-BMP character is two of them). */
const jsonEscapeAt: EscapeReader = (text, i) => {
  if (text[i] !== "\\") return undefined;
  const short = SHORT_ESCAPES[text.charAt(i + 1)];
  if (short !== undefined) return { units: short, length: 2 };
  // Unanchored: the slice is the escape's five characters, so a match starts at its start.
  const hex = /u([0-9a-fA-F]{4})/.exec(text.slice(i + 1, i + 6));
  return hex ? { units: String.fromCharCode(parseInt(hex[1]!, 16)), length: 6 } : undefined;
};

/**
 * `%XX` escapes (either case) of one character's UTF-8 bytes, and `+` as a space in a form
 * body. https://url.spec.whatwg.org/#percent-encoded-bytes
 */
function percentEscapeAt(plusIsSpace: boolean): EscapeReader {
  return (text, i) => {
    if (plusIsSpace && text[i] === "+") return { units: " ", length: 1 };
    const bytes: number[] = [];
    for (let at = i; bytes.length < 4 && text[at] === "%"; at += 3) {
      // Unanchored: the slice is the two characters after the "%".
      const hex = text.slice(at + 1, at + 3);
      if (!/[0-9a-fA-F]{2}/.test(hex)) break;
      bytes.push(parseInt(hex, 16));
      const character = utf8Character(bytes);
      if (character !== undefined) return { units: character, length: bytes.length * 3 };
    }
    return undefined;
  };
}

/**
 * The character these bytes encode in UTF-8, once they are a whole one: a shorter prefix of
 * a character, an overlong form, a surrogate or a stray byte is not UTF-8 (isUtf8 is strict).
 * The first whole prefix is one character, since each shorter one failed.
 */
function utf8Character(bytes: number[]): string | undefined {
  const encoded = Buffer.from(bytes);
  return isUtf8(encoded) ? encoded.toString("utf8") : undefined;
}
