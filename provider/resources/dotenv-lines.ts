/*
 * The line layout of a `.env` text, checked before its keys are used. dotenv's parse skips a
 * line it cannot read and reads any `word=…` line as a key, so a multi-line value left
 * unquoted (a PEM key, a certificate) becomes keys made of pieces of the secret, which would
 * then be quoted in messages and in child resource names. Here every line must be blank, a
 * comment, a `KEY=value` (or `KEY: value`) definition, or inside a quoted value; anything else
 * is refused by line number, never by its text. dotenv's grammar, which this follows:
 * https://github.com/motdotla/dotenv#what-rules-does-the-parsing-engine-follow
 */

export interface DotenvLayout {
  /** The first line (1-based) defining each key: a key that breaks the name rules is reported by it. */
  readonly lineOf: Readonly<Record<string, number>>;
  /** What is wrong, by line number, with how to quote a multi-line value; empty when the layout is sound. */
  readonly problems: string[];
}

/** dotenv's definition: optional `export`, a key of `[\w.-]`, then `=` or `:` and a blank. */
const DEFINITION = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=|:(?=\s))\s*(.*)$/;
const BLANK_OR_COMMENT = /^\s*(?:#.*)?$/;
const QUOTES = ["\"", "'", "`"];

export const QUOTING_HINT =
  'a multi-line value (a PEM key, a certificate) must be quoted as a whole: `KEY="-----BEGIN …` on its first line and `…-----END …"` on its last (dotenv reads double-quoted values across lines). The lines are not shown: they may hold the secret';

export function dotenvLayout(text: string): DotenvLayout {
  // As dotenv does: \r\n and a lone \r are line breaks.
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const lineOf: Record<string, number> = Object.create(null) as Record<string, number>;
  const stray: number[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (BLANK_OR_COMMENT.test(line)) continue;
    const definition = DEFINITION.exec(line);
    if (!definition) {
      stray.push(i + 1);
      continue;
    }
    const [, key, rest] = definition as unknown as [string, string, string];
    lineOf[key] ??= i + 1;
    if (QUOTES.includes(rest[0]!)) {
      const end = closingQuote(lines, i, line.length - rest.length + 1, rest[0]!);
      if (end === undefined) problems.push(`line ${i + 1} opens a quoted value that no line closes`);
      else if (end.line > i) {
        if (!BLANK_OR_COMMENT.test(lines[end.line]!.slice(end.column + 1))) {
          problems.push(`the quoted value that starts on line ${i + 1} has text after its closing quote on line ${end.line + 1}, so dotenv would not read it as one value`);
        }
        i = end.line;
      }
    } else if (rest.startsWith("-----BEGIN ") && !rest.includes("-----END ")) {
      problems.push(`line ${i + 1} starts an unquoted PEM block, whose next lines would be read as keys`);
    }
  }
  if (stray.length > 0) problems.unshift(`${ranges(stray)} ${stray.length === 1 ? "is" : "are"} neither \`KEY=value\`, a comment nor blank`);
  if (problems.length > 0) problems.push(QUOTING_HINT);
  return { lineOf, problems };
}

/** Where the quote opened at `lines[line][column - 1]` closes; `\` before the quote escapes it, as in dotenv. */
function closingQuote(lines: readonly string[], line: number, column: number, quote: string): { line: number; column: number } | undefined {
  for (let l = line; l < lines.length; l++) {
    const text = lines[l]!;
    let c = text.indexOf(quote, l === line ? column : 0);
    // With no quote left (-1) or one at the start of the line, text[c - 1] is undefined: no escape.
    while (text[c - 1] === "\\") c = text.indexOf(quote, c + 1);
    if (c !== -1) return { line: l, column: c };
  }
  return undefined;
}

/** "line 3", "lines 2-27", "lines 2-4, 9": consecutive lines as ranges. */
function ranges(lines: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i]!;
    while (lines[i + 1] === lines[i]! + 1) i++;
    parts.push(start === lines[i] ? `${start}` : `${start}-${lines[i]}`);
  }
  return `${lines.length === 1 ? "line" : "lines"} ${parts.join(", ")}`;
}
