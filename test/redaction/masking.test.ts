import assert from "node:assert/strict";
import { REDACTED, redact } from "../../provider/redaction/redact";
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
    // Counted in characters: three emoji are as short as "abc".
    assert.equal(redact("smile 😀😀😀", ["😀😀😀"]), "smile 😀😀😀");
    assert.equal(redact("the abcd of it", ["abcd"]), `the ${REDACTED} of it`);
  });
});
