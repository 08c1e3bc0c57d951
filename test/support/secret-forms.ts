/*
 * The forms a message could quote a secret in: what test/redaction/masking.test.ts masks and
 * what the echo-mode suite (test/github/redaction.test.ts) has a proxy's message quote. Each
 * is made with the platform's own encoders where one exists, never with the provider's code.
 */

/** Every character as \uXXXX (each UTF-16 code unit), as a serializer escaping everything writes it. */
export function unicodeEscapedAll(text: string, upper = false): string {
  const escaped = [...Array(text.length).keys()].map((i) => `\\u${text.charCodeAt(i).toString(16).padStart(4, "0")}`).join("");
  return upper ? escaped.toUpperCase().replace(/\\U/g, "\\u") : escaped;
}

/** JSON with only ASCII left raw, as Python's json.dumps or an ASCII-only serializer writes it. */
export function asciiJson(text: string): string {
  return JSON.stringify(text).slice(1, -1).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
/** As inside a JSON string. */
const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/** `value` in each form, by name. */
export function secretForms(value: string): Record<string, string> {
  return {
    raw: value,
    "JSON-escaped (JSON.stringify)": jsonEscaped(value),
    "JSON-escaped twice (a JSON body quoted in a JSON string)": jsonEscaped(jsonEscaped(value)),
    "JSON-escaped, then percent-encoded": encodeURIComponent(jsonEscaped(value)),
    "JSON-escaped, then form-encoded": new URLSearchParams({ v: jsonEscaped(value) }).toString().slice(2),
    "JSON with every non-ASCII character as \\uXXXX": asciiJson(value),
    "every character as \\uXXXX": unicodeEscapedAll(value),
    "every character as \\uXXXX, uppercase hex": unicodeEscapedAll(value, true),
    encodeURIComponent: encodeURIComponent(value),
    "percent-encoded, lowercase hex": encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    encodeURI: encodeURI(value),
    "form-encoded (URLSearchParams, + for a space)": new URLSearchParams({ v: value }).toString().slice(2),
    base64: base64(value),
    "base64 without padding": base64(value).replace(/=+$/, ""),
    "URL-safe base64": Buffer.from(value, "utf8").toString("base64url"),
    "JSON-escaped, then base64 (a JSON body in base64)": base64(jsonEscaped(value)),
    "JSON-escaped, then URL-safe base64": Buffer.from(jsonEscaped(value), "utf8").toString("base64url"),
  };
}
