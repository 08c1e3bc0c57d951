import assert from "node:assert/strict";
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
    const values = parseDotenv(
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
  });

  it("maps each key to GitHub's upper-case name and a child name that ignores letter case", () => {
    const { items, problems } = dotenvItems({ db_password: "x", API_TOKEN: "y" }, scope("actions", "repository"));
    assert.deepEqual(problems, []);
    assert.deepEqual(items, [
      { key: "db_password", name: "DB_PASSWORD" },
      { key: "API_TOKEN", name: "API_TOKEN" },
    ]);
    assert.equal(childName("repo", items[0]!.name), "repo-DB_PASSWORD");
    assert.equal(childName("repo", dotenvItems({ DB_Password: "x" }, scope("actions", "repository")).items[0]!.name), "repo-DB_PASSWORD");
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

  it("reports every bad key by its name and never a value", () => {
    const values: Record<string, string> = {
      GOOD: "value-good-1",
      "1BAD": "value-digit-2",
      GITHUB_TOKEN: "value-reserved-3",
      "bad-name": "value-dash-4",
      good: "value-dup-5",
      HUGE: "value-huge-6".repeat(5000),
    };
    const { items, problems } = dotenvItems(values, scope("actions", "repository"));
    assert.deepEqual(problems, [
      'secret name "1BAD" must not start with a digit',
      'secret name "GITHUB_TOKEN" must not start with the reserved prefix GITHUB_',
      'secret name "bad-name" may contain only letters, digits and underscores ([A-Za-z0-9_])',
      'keys "GOOD" and "good" are the same secret GOOD: GitHub ignores letter case',
      'the value of "HUGE" is 60000 bytes; GitHub allows at most 49152 bytes (48 KB)',
    ]);
    assert.deepEqual(items.map((i) => i.name), ["GOOD", "HUGE"]);
    const text = problems.join("\n");
    for (const value of Object.values(values)) assert.ok(!text.includes(value.slice(0, 12)), "no value in a problem");
  });

  it("refuses more keys than the container holds: 100 repository secrets, 500 repository variables, 1000 organization items", () => {
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`KEY_${i}`, "v"]));
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
