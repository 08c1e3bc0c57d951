import { parse } from "dotenv";
import { DOTENV_KINDS, dotenvScopeOf, type Scope } from "../scopes";
import type { DotenvKind, ScopeTarget } from "../types";
import { MAX_VALUE_BYTES, nameProblem } from "../lifecycle/input-rules";
import { dotenvLayout, type DotenvLayout } from "./dotenv-lines";

/**
 * The pure half of `SecretsFromDotenv`: which scope a `.env` file goes to, which items it
 * holds, and what is wrong with it. A problem names a key only once it has passed GitHub's
 * name rules, and lines by number otherwise, never a value: the file's values are secrets,
 * a line of an unquoted multi-line value reads as a key, and the message is printed.
 */

/** The scope of `kind` items in a `target` (from the registry, scopes.ts), or why there is none. */
export function dotenvScope(kind: DotenvKind, target: ScopeTarget): Scope | string {
  if (!DOTENV_KINDS.includes(kind)) {
    return `\`kind\` must be one of ${DOTENV_KINDS.map((k) => `"${k}"`).join(", ")}, got ${JSON.stringify(kind)}`;
  }
  return dotenvScopeOf(kind, target) ?? `GitHub has no ${target} ${kind} secrets; an environment holds Actions secrets and variables only`;
}

/** One key of the file: `name` is GitHub's (upper-case) name, the child resource's name is derived from it. */
export interface DotenvItem {
  /** As written in the file; the key into the parsed values. */
  readonly key: string;
  /** As GitHub stores it: upper-case. */
  readonly name: string;
}

/**
 * The child resource of item `name` in component `component`. Upper-case, so a change of
 * letter case in the file is no change; prefixed with the component's name, so that two
 * components never collide and an alias of the component carries over to its children
 * (Pulumi rewrites a child name that starts with its parent's name).
 */
export function childName(component: string, name: string): string {
  return `${component}-${name}`;
}

/** A parsed `.env` text: dotenv's values, and where each key is written. Holds plaintexts. */
export interface ParsedDotenv {
  readonly values: Readonly<Record<string, string>>;
  readonly layout: DotenvLayout;
}

/**
 * Parses a `.env` text with dotenv: comments, quotes, multi-line values; a key written twice
 * keeps its last value. Its lines are checked too (dotenv-lines.ts): a line dotenv would skip
 * or misread is a problem of the file. The result holds plaintexts: keep it away from
 * anything printed.
 */
export function parseDotenv(text: string): ParsedDotenv {
  return { values: parse(text), layout: dotenvLayout(text) };
}

/**
 * The items of a parsed file, checked against GitHub's rules for `scope`: the layout of its
 * lines, names, letter-case duplicates, the value size and the container's item limit. A file
 * whose layout is unsound yields its layout problems only: its keys may be pieces of a value.
 */
export function dotenvItems({ values, layout }: ParsedDotenv, scope: Scope): { items: DotenvItem[]; problems: string[] } {
  if (layout.problems.length > 0) return { items: [], problems: [...layout.problems] };
  const items: DotenvItem[] = [];
  const problems: string[] = [];
  const byName = new Map<string, string>();
  for (const key of Object.keys(values)) {
    const problem = nameProblem(key);
    if (problem) {
      const line = layout.lineOf[key];
      problems.push(`${line === undefined ? "a key" : `the key on line ${line}`} ${problem} (GitHub's rule for ${scope.kind} names)`);
      continue;
    }
    const name = key.toUpperCase();
    const earlier = byName.get(name);
    if (earlier !== undefined) {
      problems.push(`keys "${earlier}" and "${key}" are the same ${scope.kind} ${name}: GitHub ignores letter case`);
      continue;
    }
    byName.set(name, key);
    // Stryker disable next-line StringLiteral: Buffer.byteLength counts a string as UTF-8 when no encoding is named
    const bytes = Buffer.byteLength(values[key]!, "utf8");
    if (bytes > MAX_VALUE_BYTES) {
      problems.push(`the value of "${key}" is ${bytes} bytes; GitHub allows at most ${MAX_VALUE_BYTES} bytes (48 KB)`);
    }
    items.push({ key, name });
  }
  const count = Object.keys(values).length;
  if (count > scope.limit.count) {
    const article = /^[aeiou]/.test(scope.limit.per) ? "an" : "a";
    problems.push(`${count} keys, but ${article} ${scope.limit.per} holds at most ${scope.limit.count} ${scope.kind}s (${scope.docs})`);
  }
  return { items, problems };
}
