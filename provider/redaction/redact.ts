import { decodedViews, type DecodedView } from "./decoded-views";
import { MIN_FREE_STANDING, secretForms } from "./secret-forms";

/*
 * The one masking step every message leaving the provider goes through. Every place any secret
 * appears, in any form, is found in the original text first, and only then are they masked,
 * all together: replacing one secret after another would leave the rest of a longer secret
 * visible once a shorter one inside it was replaced, and would let one replacement's text take
 * part in the next search.
 */

export const REDACTED = "[REDACTED]";

type Range = readonly [start: number, end: number];

/** `text` with every occurrence of each secret, in each of its forms, replaced: one [REDACTED] per stretch. */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  const wanted = [...new Set(secrets)].filter((secret): secret is string => !!secret);
  if (wanted.length === 0) return text;
  const views = decodedViews(text);
  const ranges = mergedRanges(wanted.flatMap((secret) => views.flatMap((view) => rangesIn(view, secret))));
  let result = "";
  let shown = 0;
  for (const [start, end] of ranges) {
    result += text.slice(shown, start) + REDACTED;
    shown = end;
  }
  return result + text.slice(shown);
}

/** Where `secret` is in `view`, as stretches of the original text. */
function rangesIn(view: DecodedView, secret: string): Range[] {
  // Counted in characters, not UTF-16 code units: "✓✓✓" is as short as "abc".
  const short = [...secret].length < MIN_FREE_STANDING;
  const found: Range[] = [];
  for (const form of short ? [secret] : secretForms(secret)) {
    for (const start of occurrences(view.text, form)) {
      const end = start + form.length;
      if (short && !(view.text[start - 1] === '"' && view.text[end] === '"')) continue;
      found.push([view.from[start]!, view.to[end - 1]!]);
    }
  }
  return found;
}

/**
 * Where `needle` starts in `haystack`, overlapping occurrences included ("aaaa" in "aaaaa" at
 * 0 and 1), in linear time (Knuth–Morris–Pratt): a 48 KB value repeating one character, quoted
 * twice in an echo, must not make a failure take minutes to report.
 */
export function occurrences(haystack: string, needle: string): number[] {
  const border = [0];
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = border[k - 1]!;
    if (needle[i] === needle[k]) k++;
    border.push(k);
  }
  const starts: number[] = [];
  for (let i = 0, k = 0; i < haystack.length; i++) {
    while (k > 0 && haystack[i] !== needle[k]) k = border[k - 1]!;
    if (haystack[i] === needle[k]) k++;
    if (k === needle.length) {
      starts.push(i - k + 1);
      k = border[k - 1]!;
    }
  }
  return starts;
}

/** Sorted, with stretches that overlap or touch joined: two secrets side by side become one mask. */
function mergedRanges(ranges: Range[]): Range[] {
  const merged: [number, number][] = [];
  // By start alone: of stretches starting together, whichever comes first, the longest end is kept.
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
