import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { childName, dotenvItems, dotenvScope, parseDotenv } from "../../provider/resources/dotenv-items";
import type { DotenvKind, ScopeTarget as DotenvTarget } from "../../provider/types";
import type { Scope } from "../../provider/scopes";

/* The key → child mapping of SecretsFromDotenv, without the engine. */

const scope = (kind: DotenvKind, target: DotenvTarget): Scope => {
  const s = dotenvScope(kind, target);
  assert.ok(typeof s !== "string", s as string);
  return s;
};

describe("SecretsFromDotenv: .env keys to items", () => {
  it("parses comments, quotes, export and multi-line values with dotenv", () => {
    const { values, layout } = parseDotenv(
      [
        "# a comment",
        "PLAIN=one # trailing comment",
        "SINGLE='two # kept'",
        'DOUBLE="three\\nlines"',
        "export EXPORTED=four",
        'MULTI="-----BEGIN-----',
        "body",
        '-----END-----"',
        "EMPTY=",
      ].join("\n"),
    );
    assert.deepEqual(values, {
      PLAIN: "one",
      SINGLE: "two # kept",
      DOUBLE: "three\nlines",
      EXPORTED: "four",
      MULTI: "-----BEGIN-----\nbody\n-----END-----",
      EMPTY: "",
    });
    assert.deepEqual(layout.problems, []);
  });

  it("maps each key to GitHub's upper-case name and a child name that ignores letter case", () => {
    const { items, problems } = dotenvItems(parseDotenv("db_password=x\nAPI_TOKEN=y"), scope("actions", "repository"));
    assert.deepEqual(problems, []);
    assert.deepEqual(items, [
      { key: "db_password", name: "DB_PASSWORD" },
      { key: "API_TOKEN", name: "API_TOKEN" },
    ]);
    assert.equal(childName("repo", items[0]!.name), "repo-DB_PASSWORD");
    assert.equal(childName("repo", dotenvItems(parseDotenv("DB_Password=x"), scope("actions", "repository")).items[0]!.name), "repo-DB_PASSWORD");
  });

  it("chooses the scope of each kind and target, and refuses what GitHub does not have", () => {
    const expected: Record<DotenvKind, Partial<Record<DotenvTarget, string>>> = {
      actions: { repository: "actions-repository-secret", environment: "actions-environment-secret", organization: "actions-organization-secret" },
      dependabot: { repository: "dependabot-repository-secret", organization: "dependabot-organization-secret" },
      codespaces: { repository: "codespaces-repository-secret", organization: "codespaces-organization-secret" },
      variables: { repository: "actions-repository-variable", environment: "actions-environment-variable", organization: "actions-organization-variable" },
    };
    for (const [kind, targets] of Object.entries(expected) as [DotenvKind, Partial<Record<DotenvTarget, string>>][]) {
      for (const target of ["repository", "environment", "organization"] as const) {
        const s = dotenvScope(kind, target);
        if (targets[target]) assert.equal((s as Scope).key, targets[target], `${kind} ${target}`);
        else assert.match(s as string, /GitHub has no environment (dependabot|codespaces) secrets/);
      }
    }
    assert.match(dotenvScope("secrets" as DotenvKind, "repository") as string, /`kind` must be one of "actions", "dependabot", "codespaces", "variables", got "secrets"/);
  });

  it("reports a bad key by its line, never its text, and a good key by name; never a value", () => {
    const lines = [
      "GOOD=value-good-1",
      "1BAD=value-digit-2",
      "GITHUB_TOKEN=value-reserved-3",
      "# a comment",
      "bad-name=value-dash-4",
      "good=value-dup-5",
      `HUGE=${"value-huge-6".repeat(5000)}`,
    ];
    const { items, problems } = dotenvItems(parseDotenv(lines.join("\n")), scope("actions", "repository"));
    assert.deepEqual(problems, [
      "the key on line 2 must not start with a digit (GitHub's rule for secret names)",
      "the key on line 3 must not start with the reserved prefix GITHUB_ (GitHub's rule for secret names)",
      "the key on line 5 may contain only letters, digits and underscores ([A-Za-z0-9_]) (GitHub's rule for secret names)",
      'keys "GOOD" and "good" are the same secret GOOD: GitHub ignores letter case',
      'the value of "HUGE" is 60000 bytes; GitHub allows at most 49152 bytes (48 KB)',
    ]);
    assert.deepEqual(items.map((i) => i.name), ["GOOD", "HUGE"]);
    const text = problems.join("\n");
    for (const shown of ["1BAD", "GITHUB_TOKEN", "bad-name", "value-"]) assert.ok(!text.includes(shown), `${shown} in: ${text}`);
  });

  it("reports a bad key whose line the layout does not give as \"a key\", still without its text", () => {
    const parsed = { values: { "1BAD": "value-unplaced" }, layout: { lineOf: {}, problems: [] } };
    assert.deepEqual(dotenvItems(parsed, scope("variables", "repository")).problems, ["a key must not start with a digit (GitHub's rule for variable names)"]);
  });

  it("refuses more keys than the container holds: 100 repository secrets, 500 repository variables, 1000 organization items", () => {
    const keys = (n: number) => parseDotenv(Array.from({ length: n }, (_, i) => `KEY_${i}=v`).join("\n"));
    const cases: [DotenvKind, DotenvTarget, number, string][] = [
      ["actions", "repository", 100, "a repository holds at most 100 secrets"],
      ["dependabot", "repository", 100, "a repository holds at most 100 secrets"],
      ["actions", "environment", 100, "an environment holds at most 100 secrets"],
      ["variables", "environment", 100, "an environment holds at most 100 variables"],
      ["variables", "repository", 500, "a repository holds at most 500 variables"],
      ["codespaces", "organization", 1000, "an organization holds at most 1000 secrets"],
    ];
    for (const [kind, target, limit, message] of cases) {
      assert.deepEqual(dotenvItems(keys(limit), scope(kind, target)).problems, [], `${kind} ${target}: ${limit} fit`);
      const [problem] = dotenvItems(keys(limit + 1), scope(kind, target)).problems;
      assert.ok(problem?.startsWith(`${limit + 1} keys, but ${message}`), `${kind} ${target}: ${problem}`);
    }
  });
});

/*
 * A multi-line value left unquoted: dotenv reads `word=…` lines of it as keys and skips the
 * rest, so pieces of the secret would be quoted in messages and child names. The file is
 * refused by line numbers alone, with how to quote it; no line of the value is ever shown.
 */

describe("SecretsFromDotenv: the lines of a .env file", () => {
  const pem = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString().trim();
  const pemLines = pem.split("\n");
  const repository = scope("actions", "repository");
  const refused = (text: string) => {
    const { items, problems } = dotenvItems(parseDotenv(text), repository);
    assert.deepEqual(items, [], "nothing is written");
    const shown = problems.join("\n");
    // Every line of the PEM, and every piece of a body line that dotenv could read as a key.
    for (const line of pemLines) assert.ok(!shown.includes(line), `a PEM line in: ${shown}`);
    for (const line of pemLines.slice(1, -1)) {
      for (const piece of line.split(/[^\w.-]+/).filter((p) => p.length >= 6)) assert.ok(!shown.includes(piece), `a piece of the PEM (${piece.slice(0, 4)}…) in: ${shown}`);
    }
    return problems;
  };

  it("refuses an unquoted PEM by line numbers, saying how to quote it", () => {
    const text = ["DB=one", `KEY=${pemLines[0]}`, ...pemLines.slice(1), "AFTER=two"].join("\n");
    const problems = refused(text);
    // The last body line may end in "=" padding and read as `key=value`: the range skips it then.
    assert.match(problems[0]!, new RegExp(`^lines 3-(${pemLines.length + 1}|${pemLines.length - 1}, ${pemLines.length + 1}) are neither \`KEY=value\`, a comment nor blank$`));
    assert.equal(problems[1], "line 2 starts an unquoted PEM block, whose next lines would be read as keys");
    assert.match(problems.at(-1)!, /must be quoted as a whole: `KEY="-----BEGIN …` on its first line and `…-----END …"` on its last \(dotenv reads double-quoted values across lines\)/);
  });

  it("refuses a PEM written on the lines after `KEY=`, and base64 lines that dotenv would read as `key=value`", () => {
    refused(["KEY=", ...pemLines].join("\n"));
    // A body line that is a word and padding reads as a key with a good name: the file is refused before names are read.
    const problems = refused(["KEY=MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu", "KZ+xrdqFGkOLFqFxuzcObvH4", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY=="].join("\n"));
    assert.equal(problems[0], "line 2 is neither `KEY=value`, a comment nor blank");
    assert.ok(!problems.join().includes("QUJDREVG"));
  });

  it("refuses a quote that is never closed, or text after a closing quote lines later", () => {
    const unclosed = refused(`KEY="${pemLines.join("\n")}`);
    assert.ok(unclosed.includes("line 1 opens a quoted value that no line closes"), unclosed.join("\n"));
    const trailing = refused(`KEY="${pemLines.join("\n")}" trailing-${pemLines[1]}`);
    assert.equal(trailing[0], `the quoted value that starts on line 1 has text after its closing quote on line ${pemLines.length}, so dotenv would not read it as one value`);
  });

  it("reads a PEM quoted as a whole (double, single or back quotes, CRLF too), and escaped quotes inside", () => {
    for (const quote of ['"', "'", "`"]) {
      for (const eol of ["\n", "\r\n"]) {
        const parsed = parseDotenv([`# key`, `export KEY=${quote}${pemLines.join(eol)}${quote}  # comment`, "NEXT=after", ""].join(eol));
        assert.deepEqual(parsed.layout.problems, [], `${quote} ${JSON.stringify(eol)}`);
        assert.deepEqual(parsed.values, { KEY: pem, NEXT: "after" });
      }
    }
    const escaped = parseDotenv('JSON="{\\"a\\": 1,\n\\"b\\": 2}"\nNEXT=x');
    assert.deepEqual(escaped.layout.problems, []);
    assert.equal(escaped.values.NEXT, "x");
    assert.deepEqual(parseDotenv(`ONE_LINE=${pemLines[0]}\\n${pemLines[1]}\\n-----END RSA PRIVATE KEY-----`).layout.problems, [], "a PEM with \\n escapes on one line is one value");
  });

  it("finds a closing quote anywhere on a later line, even before the column the value opened at", () => {
    const parsed = parseDotenv('A_LONG_KEY_NAME="first line\nend"\nNEXT=after');
    assert.deepEqual(parsed.layout.problems, []);
    assert.deepEqual(parsed.values, { A_LONG_KEY_NAME: "first line\nend", NEXT: "after" });
  });

  it("reads a one-line quoted value followed by text as dotenv does: one value, not a layout problem", () => {
    const parsed = parseDotenv('A="quoted" and more\nB=2');
    assert.deepEqual(parsed.layout.problems, []);
    assert.deepEqual(parsed.values, { A: '"quoted" and more', B: "2" });
  });

  it("counts lines as dotenv does: \\r\\n and a lone \\r end a line, so a bad key is reported on its own line", () => {
    for (const eol of ["\r\n", "\r"]) {
      const parsed = parseDotenv(["GOOD=1", "# comment", "1BAD=2"].join(eol));
      assert.deepEqual(parsed.layout.problems, [], JSON.stringify(eol));
      assert.deepEqual(dotenvItems(parsed, repository).problems, ["the key on line 3 must not start with a digit (GitHub's rule for secret names)"], JSON.stringify(eol));
    }
  });

  it("lists stray lines as ranges: consecutive lines joined, the rest separated by commas", () => {
    const { problems } = parseDotenv(["A=1", "stray one", "B=2", "stray two", "stray three", "C=3", "stray four"].join("\n")).layout;
    assert.equal(problems[0], "lines 2, 4-5, 7 are neither `KEY=value`, a comment nor blank");
  });
});
