import assert from "node:assert/strict";
import { REDACTED, redact } from "../../provider/redaction/redact";
import { base64Forms } from "../../provider/redaction/secret-forms";
import { secretForms } from "../support/secret-forms";

/*
 * The masking every message leaving the provider goes through, on its own: each form a secret
 * can be written in, every occurrence found on the original text and masked together, and
 * the rule for values shorter than four characters. The echo-mode suite
 * (test/github/redaction.test.ts) proves the messages of real failures go through it.
 */

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

/**
 * A value with every kind of character: quotes, backslash, newline, a slash, spaces, non-ASCII,
 * an emoji (a surrogate pair), and "~~~???", whose base64 holds "+" and "/" (URL-safe: "-", "_").
 */
const VALUE = 'pa"ss\\wo/rd\nné ✓ 😀 +&=?% ~~~???';

describe("redaction: the masking step", () => {
  for (const [name, form] of Object.entries(secretForms(VALUE))) {
    it(`masks a value written ${name}, whole`, () => {
      if (name !== "raw") assert.ok(!form.includes(VALUE), "an encoding: it does not hold the raw value");
      assert.equal(redact(`<${form}>`, [VALUE]), `<${REDACTED}>`);
    });
  }

  it("masks every occurrence, and leaves the text around them alone", () => {
    const token = "ghp_0123456789abcdef";
    assert.equal(redact(`a ${token} b ${token}c ${encodeURIComponent(token)}`, [token]), `a ${REDACTED} b ${REDACTED}c ${REDACTED}`);
    assert.equal(redact("nothing secret here", [token, undefined, ""]), "nothing secret here");
  });

  it("masks a secret that contains another whole, whichever comes first: nothing outside the shorter one stays visible", () => {
    for (const secrets of [["abcd", "xxabcdyy"], ["xxabcdyy", "abcd"]]) {
      assert.equal(redact("value xxabcdyy, token abcd", secrets), `value ${REDACTED}, token ${REDACTED}`, secrets.join(" then "));
      assert.equal(redact(`{"value":${JSON.stringify('x"abcd"y')}}`, [...secrets, 'x"abcd"y']), `{"value":"${REDACTED}"}`);
    }
  });

  it("masks overlapping and adjacent secrets as one stretch, and occurrences that overlap themselves", () => {
    assert.equal(redact("<abcdef>", ["abcd", "cdef"]), `<${REDACTED}>`);
    assert.equal(redact("<abcdwxyz>", ["abcd", "wxyz"]), `<${REDACTED}>`);
    assert.equal(redact("<aaaaa>", ["aaaa"]), `<${REDACTED}>`);
  });

  it("masks only where the whole secret is: not a near miss, nor the text after a match that repeats its end", () => {
    assert.equal(redact("abcbcd, abcd", ["abcd"]), `abcbcd, ${REDACTED}`);
    assert.equal(redact("abcdbcd", ["abcd"]), `${REDACTED}bcd`);
  });

  it("decodes only real escapes: a percent sign and two hex digits, UTF-8 of every length, nothing that is not UTF-8", () => {
    assert.equal(redact("a41bcd and %41bcd", ["Abcd"]), `a41bcd and ${REDACTED}`);
    // The first and last character of each UTF-8 length: 2 bytes (C2, DF), 3 (E0, EF), 4 (F0, F4).
    const text = "pass \u0080\u07ff \u0800\uffff \u{10000}\u{10ffff}";
    assert.equal(redact(`<${encodeURIComponent(text)}>`, [text]), `<${REDACTED}>`);
    // An overlong "/" (C0 AF) is not UTF-8; a stray lead byte does not hide the escapes after it.
    assert.equal(redact("%C0%AFetc", ["/etc"]), "%C0%AFetc");
    assert.equal(redact("%C3%C3%A9tude", ["\u00e9tude"]), `%C3${REDACTED}`);
  });

  it("masks what precedes an escape cut off at the end of the text", () => {
    for (const cut of ["\\", "\\u00e", "%", "%E2%9C"]) assert.equal(redact(`abcd${cut}`, ["abcd"]), `${REDACTED}${cut}`, cut);
  });

  it("searches the original text only: a mask's own text is never matched by another secret", () => {
    assert.equal(redact("<abcd> REDACTED", ["abcd", "[REDACTED]", "DACTED] "]), `<${REDACTED}> REDACTED`);
  });

  it("masks a value of GitHub's largest size (48 KB) repeating one character, echoed in several forms", function () {
    // Milliseconds here, but StrykerJS counts every step of the search: under its instrumentation
    // this takes seconds, and its own per-mutant timeout still catches a search gone quadratic.
    this.timeout(60_000);
    const value = "a".repeat(48 * 1024);
    const text = `body: {"value":"${value}"}; again: ${encodeURIComponent(value)}; ${base64(value)}`;
    assert.equal(redact(text, [value]), `body: {"value":"${REDACTED}"}; again: ${REDACTED}; ${REDACTED}`);
  });

  it("reads a message of 48 KB of stray percent escapes in linear time: each is given up after four bytes", function () {
    this.timeout(60_000);
    const stray = "%80".repeat(16 * 1024);
    assert.equal(redact(`${stray} abcd`, ["abcd"]), `${stray} ${REDACTED}`);
  });

  it("finds a value's JSON-escaped text inside a JSON body in base64, at each alignment", () => {
    const escaped = JSON.stringify(VALUE).slice(1, -1);
    // Mid-string, so the quotes around a whole JSON string are no part of what is found.
    for (const before of ['{"note":"was ', '{"note":"was a', '{"note":"was ab']) {
      const encoded = base64(`${before}${escaped}, retry"}`);
      const [shownBefore, shownAfter, ...rest] = redact(encoded, [VALUE]).split(REDACTED);
      assert.equal(rest.length, 0, `one stretch masked in ${encoded}`);
      assert.ok(shownAfter !== undefined, `masked in ${encoded}`);
      assert.ok(shownBefore!.length <= Math.ceil((before.length * 8) / 6), `${shownBefore} before`);
    }
  });

  it("finds a secret's base64 inside a longer base64 text, at each of the three byte alignments", () => {
    const token = "ghs_16Chars~~~???Token4u"; // its base64 holds "+" and "/" at every alignment
    for (const before of ["", "x", "xy", "x-access-token:"]) {
      for (const after of ["", "z", "zw"]) {
        for (const encode of [base64, base64url]) {
          const encoded = encode(`${before}${token}${after}`);
          const [shownBefore, shownAfter, ...rest] = redact(encoded, [token]).split(REDACTED);
          assert.equal(rest.length, 0, `one stretch masked in ${encoded}`);
          assert.ok(shownAfter !== undefined, `masked in ${encoded}`);
          // What stays visible carries the other bytes and at most a few bits of the token's first and last.
          assert.ok(shownBefore!.length <= Math.ceil((before.length * 8) / 6), `${shownBefore} before`);
          assert.ok(shownAfter.length <= Math.ceil((after.length * 8 + 4) / 6) + 2, `${shownAfter} after`);
        }
      }
    }
  });

  it("masks a value of 1 to 3 characters only as a whole JSON string, as an echoed request body holds it", () => {
    assert.equal(redact('body: {"name":"X","value":"q7z"}', ["q7z"]), `body: {"name":"X","value":"${REDACTED}"}`);
    assert.equal(redact('message: "{\\"value\\":\\"q7z\\"}"', ["q7z"]), `message: "{\\"value\\":\\"${REDACTED}\\"}"`);
    assert.equal(redact('{"value":"\\u00e9"}', ["é"]), `{"value":"${REDACTED}"}`);
    assert.equal(redact("the abc of it, abcd, q7z", ["abc", "q7z"]), "the abc of it, abcd, q7z");
    // Quoted on one side only, it is a word at the edge of a string, not the whole string.
    assert.equal(redact('"q7z, q7z" "q7z"', ["q7z"]), `"q7z, q7z" "${REDACTED}"`);
    // Counted in characters: three emoji are as short as "abc".
    assert.equal(redact("smile 😀😀😀", ["😀😀😀"]), "smile 😀😀😀");
    assert.equal(redact("the abcd of it", ["abcd"]), `the ${REDACTED} of it`);
  });

  it("searches for no base64 fragment shorter than four characters, whatever the secret's length: it would match words", () => {
    for (const secret of ["a", "ab", "abc", "abcd", "abcde"]) {
      const forms = base64Forms(secret);
      assert.ok(forms.includes(base64(secret)), secret);
      assert.deepEqual(forms.filter((form) => form.length < 4), [], secret);
    }
  });
});
