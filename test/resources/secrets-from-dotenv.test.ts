import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { SecretsFromDotenv, type DotenvKind, type SecretsFromDotenvArgs } from "../../provider";
import { recordRegistrations, stopMocks, type MockRegistration } from "../support/mock-registrations";

/*
 * SecretsFromDotenv registered with Pulumi's mocks in this process: which children it
 * registers (class, scope, name, parent, arguments), that every value is a Pulumi secret, and
 * that a bad file fails by key names alone before any child is registered. The real CLI runs
 * the same component end to end in test/e2e/dotenv.test.ts.
 */

const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
const secretValue = (v: unknown): unknown =>
  typeof v === "object" && v !== null && SECRET_SIGNATURE in v ? (v as unknown as { value: unknown }).value : assert.fail(`not a secret: ${JSON.stringify(v)}`);
/** The Output's value; it rejects when the apply that makes it throws. */
const promiseOf = <T>(o: pulumi.Output<T>) => (o as unknown as { promise(): Promise<T> }).promise();
const isSecret = (o: pulumi.Output<unknown>) => (o as unknown as { isSecret: Promise<boolean> }).isSecret;

const PROVIDER_SCOPES = [
  "actions-repository-secret",
  "actions-environment-secret",
  "actions-organization-secret",
  "dependabot-repository-secret",
  "dependabot-organization-secret",
  "codespaces-repository-secret",
  "codespaces-organization-secret",
  "actions-repository-variable",
  "actions-environment-variable",
  "actions-organization-variable",
];

let registrations = new Map<string, MockRegistration>();

/** The registered children of component `name` (every resource named `<name>-…`), by name. */
function childrenOf(name: string): Map<string, MockRegistration> {
  return new Map([...registrations].filter(([n]) => n.startsWith(`${name}-`)));
}

/** Waits for the component and every child to be registered; returns `names`. */
async function settle(component: SecretsFromDotenv): Promise<string[]> {
  const names = await promiseOf(component.names);
  await promiseOf(component.urn);
  await new Promise((resolve) => setTimeout(resolve, 20));
  return names;
}

/** The rejection of `names`: content given as an Output is checked inside an apply over it. */
function rejection(component: SecretsFromDotenv): Promise<Error> {
  return promiseOf(component.names).then(
    () => assert.fail("no error"),
    (e: Error) => e,
  );
}

/** A resource whose `text` output the mocks leave unset. */
class Gate extends pulumi.CustomResource {
  declare readonly text: pulumi.Output<string>;
  constructor(name: string) {
    super("test:index:Gate", name, { text: undefined });
  }
}

/** The error a constructor throws: a path or a plain string is checked when the program runs it, before it goes on. */
function thrown(construct: () => SecretsFromDotenv): Error {
  try {
    construct();
  } catch (e) {
    return e as Error;
  }
  return assert.fail("the constructor did not throw");
}

const FILE = ["# a comment", "db_password=pw-secret-1", 'API_TOKEN="tok secret 2"', "export LEVEL=debug-3", ""].join("\n");
const FILE_VALUES = { DB_PASSWORD: "pw-secret-1", API_TOKEN: "tok secret 2", LEVEL: "debug-3" };

describe("SecretsFromDotenv: a child per key, every value a secret, a bad file refused by key names (Pulumi mocks, in-process)", function () {
  this.timeout(20_000);
  let dir: string;
  let counter = 0;
  /** A fresh component name per test: the mocks keep one resource per name. */
  const fresh = (label: string) => `${label}${++counter}`;
  const file = (text: string) => {
    const f = path.join(dir, `${++counter}.env`);
    writeFileSync(f, text);
    return f;
  };

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "secrets-from-dotenv-test-"));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    stopMocks();
  });

  describe("at deployment", () => {
    before(async () => {
      registrations = await recordRegistrations(false);
    });

    const targets: [string, DotenvKind, Partial<SecretsFromDotenvArgs>, string, string, string][] = [
      ["repository actions", "actions", { owner: "octo", repository: "app" }, "RepoSecret", "actions-repository-secret", "secretName"],
      ["environment actions", "actions", { owner: "octo", repository: "app", environment: "staging/eu" }, "EnvironmentSecret", "actions-environment-secret", "secretName"],
      ["organization actions", "actions", { org: "octo-org", visibility: "selected", selectedRepositories: ["app", 42] }, "OrgSecret", "actions-organization-secret", "secretName"],
      ["repository dependabot", "dependabot", { repository: "app" }, "DependabotSecret", "dependabot-repository-secret", "secretName"],
      ["organization dependabot", "dependabot", { visibility: "all" }, "DependabotSecret", "dependabot-organization-secret", "secretName"],
      ["repository codespaces", "codespaces", { owner: "octo", repository: "app" }, "CodespacesSecret", "codespaces-repository-secret", "secretName"],
      ["organization codespaces", "codespaces", { org: "octo-org" }, "CodespacesSecret", "codespaces-organization-secret", "secretName"],
      ["repository variables", "variables", { repository: "app" }, "RepoVariable", "actions-repository-variable", "variableName"],
      ["environment variables", "variables", { repository: "app", environment: "prod" }, "EnvironmentVariable", "actions-environment-variable", "variableName"],
      ["organization variables", "variables", { org: "octo-org", visibility: "private" }, "OrgVariable", "actions-organization-variable", "variableName"],
    ];

    for (const [label, kind, identity, type, scope, nameProperty] of targets) {
      it(`${label}: one ${type} per key, named <name>-<KEY>, the value a secret, the target and onDrift on every child`, async () => {
        const name = fresh("c");
        const component = new SecretsFromDotenv(name, { path: file(FILE), kind, onDrift: "fail", ...identity });
        assert.deepEqual(await settle(component), ["DB_PASSWORD", "API_TOKEN", "LEVEL"], "GitHub's names, in file order");
        const componentUrn = await promiseOf(component.urn);
        assert.equal(registrations.get(name)!.type, "github-secrets:index:SecretsFromDotenv");
        assert.deepEqual(registrations.get(name)!.outputs, { names: ["DB_PASSWORD", "API_TOKEN", "LEVEL"] }, "the component's outputs: names");

        const children = childrenOf(name);
        assert.deepEqual([...children.keys()], Object.keys(FILE_VALUES).map((k) => `${name}-${k}`));
        for (const [key, value] of Object.entries(FILE_VALUES)) {
          const child = children.get(`${name}-${key}`)!;
          assert.equal(child.type, `pulumi-nodejs:dynamic/github-secrets:${type}`);
          assert.equal(child.parent, componentUrn, "parented to the component");
          const provider = String(child.inputs.__provider);
          assert.ok(provider.includes(`"${scope}"`), `the provider of ${scope}`);
          for (const other of PROVIDER_SCOPES.filter((s) => s !== scope)) assert.ok(!provider.includes(`"${other}"`), `not ${other}`);
          assert.equal(child.inputs[nameProperty], key);
          assert.equal(secretValue(child.inputs.value), value, "the value, as a Pulumi secret (variables too)");
          assert.equal(child.inputs.onDrift, "fail");
          for (const [field, given] of Object.entries(identity)) assert.deepEqual(child.inputs[field], given, field);
          for (const field of ["owner", "repository", "environment", "org", "visibility", "selectedRepositories"]) {
            if (!(field in identity)) assert.equal(child.inputs[field], undefined, `${field} is not given`);
          }
        }
      });
    }

    it("content as a plain string: the same children, the values secret", async () => {
      const name = fresh("text");
      const component = new SecretsFromDotenv(name, { content: FILE, repository: "app" });
      assert.deepEqual(await settle(component), ["DB_PASSWORD", "API_TOKEN", "LEVEL"]);
      const children = childrenOf(name);
      assert.equal(children.size, 3);
      for (const [key, value] of Object.entries(FILE_VALUES)) {
        const child = children.get(`${name}-${key}`)!;
        assert.equal(child.type, "pulumi-nodejs:dynamic/github-secrets:RepoSecret", "kind defaults to actions");
        assert.equal(secretValue(child.inputs.value), value);
        assert.equal("onDrift" in child.inputs && child.inputs.onDrift !== undefined, false, "no onDrift unless given");
      }
    });

    it("content as a secret Output: children from its keys, values secret, names not secret", async () => {
      const name = fresh("config");
      const component = new SecretsFromDotenv(name, { content: pulumi.secret(FILE), kind: "variables", repository: "app" });
      assert.deepEqual(await settle(component), ["DB_PASSWORD", "API_TOKEN", "LEVEL"]);
      assert.equal(await isSecret(component.names), false, "the keys name resources: not secret");
      const children = childrenOf(name);
      assert.deepEqual([...children.keys()], Object.keys(FILE_VALUES).map((k) => `${name}-${k}`));
      for (const [key, value] of Object.entries(FILE_VALUES)) {
        const child = children.get(`${name}-${key}`)!;
        assert.equal(child.type, "pulumi-nodejs:dynamic/github-secrets:RepoVariable");
        assert.equal(child.parent, await promiseOf(component.urn));
        assert.equal(secretValue(child.inputs.value), value, "each value a secret, even from a plain Output");
      }
    });

    it("content as a plain Output: the values are still secret", async () => {
      const name = fresh("plainout");
      const component = new SecretsFromDotenv(name, { content: pulumi.output("ONE=first-value\n"), repository: "app" });
      assert.deepEqual(await settle(component), ["ONE"]);
      assert.equal(secretValue(childrenOf(name).get(`${name}-ONE`)!.inputs.value), "first-value");
    });

    it("the component's options reach its children: protect", async () => {
      const name = fresh("protected");
      const component = new SecretsFromDotenv(name, { content: "A=1\n", repository: "app" }, { protect: true });
      await settle(component);
      assert.equal(registrations.get(name)!.protect, true);
      assert.equal(childrenOf(name).get(`${name}-A`)!.protect, true);
    });

    const badFile = ["GOOD=good-value-0", "1BAD=digit-value-1", "GITHUB_TOKEN=reserved-value-2", "token=dup-value-3", "TOKEN=dup-value-4", ""].join("\n");
    const badProblems = [
      "the key on line 2 must not start with a digit (GitHub's rule for secret names)",
      "the key on line 3 must not start with the reserved prefix GITHUB_ (GitHub's rule for secret names)",
      'keys "token" and "TOKEN" are the same secret TOKEN: GitHub ignores letter case',
    ].join("; ");
    const assertNoValue = (message: string) => {
      for (const value of ["good-value", "digit-value", "reserved-value", "dup-value", "1BAD", "GITHUB_TOKEN"]) assert.ok(!message.includes(value), `no value or bad key in: ${message}`);
    };

    it("bad keys in a file: one error naming every key by name, never a value, and no child registered", async () => {
      const name = fresh("bad");
      const f = file(badFile);
      const error = thrown(() => new SecretsFromDotenv(name, { path: f, repository: "app" }));
      assert.ok(error instanceof pulumi.RunError, "a RunError: printed as its message alone");
      assert.equal(error.message, `SecretsFromDotenv "${name}": .env file ${JSON.stringify(f)}: ${badProblems}. None of its items was written.`);
      assert.equal(error.stack, error.message, "no stack trace");
      assertNoValue(error.message);
      assert.equal(childrenOf(name).size, 0, "GOOD is not written either");
    });

    it("bad keys in secret content: the same error, by `content`, and no child registered", async () => {
      const name = fresh("badout");
      const error = await rejection(new SecretsFromDotenv(name, { content: pulumi.secret(badFile), repository: "app" }));
      assert.ok(error instanceof pulumi.RunError);
      assert.equal(error.message, `SecretsFromDotenv "${name}": \`content\`: ${badProblems}. None of its items was written.`);
      assertNoValue(error.message);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(childrenOf(name).size, 0);
    });

    const pem = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString().trim();

    it("an unquoted PEM in a file: refused by line numbers with how to quote it, no line of it in the error, nothing registered", async () => {
      const name = fresh("pem");
      const f = file(`FIRST=first-value\nDEPLOY_KEY=${pem}\n`);
      const error = thrown(() => new SecretsFromDotenv(name, { path: f, repository: "app" }));
      assert.ok(error instanceof pulumi.RunError);
      assert.match(error.message, new RegExp(`^SecretsFromDotenv "${name}": \\.env file ".*": lines 3-\\d+(, \\d+)? are neither \`KEY=value\`, a comment nor blank; line 2 starts an unquoted PEM block.*must be quoted as a whole: \`KEY="-----BEGIN …\``));
      for (const line of pem.split("\n")) assert.ok(!error.message.includes(line), `a PEM line in: ${error.message}`);
      assert.ok(!error.message.includes("first-value"));
      assert.equal(childrenOf(name).size, 0, "FIRST is not written either");
    });

    it("a PEM quoted as a whole: one child whose secret value is the PEM", async () => {
      const name = fresh("quotedpem");
      const component = new SecretsFromDotenv(name, { content: pulumi.secret(`DEPLOY_KEY="${pem}"\n`), repository: "app" });
      assert.deepEqual(await settle(component), ["DEPLOY_KEY"]);
      assert.equal(secretValue(childrenOf(name).get(`${name}-DEPLOY_KEY`)!.inputs.value), pem);
    });

    it("more keys than the container holds: refused by count, nothing registered", async () => {
      const name = fresh("many");
      const text = Array.from({ length: 101 }, (_, i) => `KEY_${i}=many-value`).join("\n");
      const error = thrown(() => new SecretsFromDotenv(name, { content: text, repository: "app", environment: "e" }));
      assert.match(error.message, new RegExp(`^SecretsFromDotenv "${name}": \`content\`: 101 keys, but an environment holds at most 100 secrets`));
      assert.ok(!error.message.includes("many-value"));
      assert.equal(childrenOf(name).size, 0);
      const fits = new SecretsFromDotenv(fresh("hundred"), { content: text.split("\n").slice(1).join("\n"), repository: "app" });
      assert.equal((await settle(fits)).length, 100, "100 fit a repository");
    });

    it("a value of exactly 48 KB is written; one byte more is refused by key and size", async () => {
      const name = fresh("size");
      const component = new SecretsFromDotenv(name, { content: `FITS=${"é".repeat(24_576)}\n`, repository: "app" });
      assert.deepEqual(await settle(component), ["FITS"], "49,152 bytes of UTF-8 fit");
      const error = thrown(() => new SecretsFromDotenv(fresh("size"), { content: `BIG=x${"é".repeat(24_576)}\n`, repository: "app" }));
      assert.match(error.message, /: the value of "BIG" is 49153 bytes; GitHub allows at most 49152 bytes \(48 KB\)\. None of its items was written\.$/);
    });

    const argumentCases: [string, Partial<SecretsFromDotenvArgs>, string][] = [
      ["neither path nor content", { repository: "app" }, "exactly one of `path` (a .env file) and `content` (its text) must be set"],
      ["both path and content", { path: "x.env", content: "A=1", repository: "app" }, "exactly one of `path` (a .env file) and `content` (its text) must be set"],
      ["an empty path", { path: "", repository: "app" }, "`path` must be a file path"],
      ["a path that is not a string", { path: 7 as never, repository: "app" }, "`path` must be a file path"],
      ["stray organization fields on a repository", { content: "A=1", repository: "app", org: "o", visibility: "all" }, "`org`, `visibility` do not apply to a repository target (given: `owner`, `repository`)"],
      ["a selection on an environment", { content: "A=1", repository: "app", environment: "e", selectedRepositories: ["x"] }, "`selectedRepositories` do not apply to an environment target (given: `owner`, `repository`, `environment`)"],
      ["an owner on an organization", { content: "A=1", owner: "o" }, "`owner` do not apply to an organization target (given: `org`, `visibility`, `selectedRepositories`)"],
      ["Dependabot secrets of an environment", { content: "A=1", kind: "dependabot", repository: "app", environment: "e" }, "GitHub has no environment dependabot secrets; an environment holds Actions secrets and variables only"],
      ["an unknown kind", { content: "A=1", kind: "secrets" as never, repository: "app" }, '`kind` must be one of "actions", "dependabot", "codespaces", "variables", got "secrets"'],
    ];
    for (const [label, args, message] of argumentCases) {
      it(`refuses ${label}, naming the rule, before registering anything`, async () => {
        const name = fresh("args");
        const error = thrown(() => new SecretsFromDotenv(name, args as SecretsFromDotenvArgs));
        assert.ok(error instanceof pulumi.RunError);
        assert.equal(error.message, `SecretsFromDotenv "${name}": ${message}`);
        assert.equal(childrenOf(name).size, 0);
      });
    }

    it("refuses an environment without its repository", async () => {
      const name = fresh("envonly");
      const error = thrown(() => new SecretsFromDotenv(name, { content: "A=1", environment: "e" }));
      assert.equal(error.message, `SecretsFromDotenv "${name}": \`environment\` needs the \`repository\` it belongs to`);
    });

    it("a file that cannot be read: its path and the error code, nothing else", async () => {
      const name = fresh("missing");
      const missing = path.join(dir, "absent.env");
      const error = thrown(() => new SecretsFromDotenv(name, { path: missing, repository: "app" }));
      assert.ok(error instanceof pulumi.RunError);
      assert.equal(error.message, `SecretsFromDotenv "${name}": cannot read the .env file ${JSON.stringify(missing)} (ENOENT)`);
      assert.equal(error.stack, error.message);
    });
  });

  describe("at preview", () => {
    let warnings: string[];
    const consoleWarn = console.warn;
    before(async () => {
      registrations = await recordRegistrations(true);
    });
    beforeEach(() => {
      warnings = [];
      console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
    });
    afterEach(() => {
      console.warn = consoleWarn;
    });

    it("content known at preview (stack configuration): the children are listed and nothing warns", async () => {
      const name = fresh("known");
      const component = new SecretsFromDotenv(name, { content: pulumi.secret(FILE), repository: "app" });
      assert.deepEqual(await settle(component), ["DB_PASSWORD", "API_TOKEN", "LEVEL"]);
      assert.equal(childrenOf(name).size, 3);
      assert.deepEqual(warnings, []);
    });

    it("content unknown at preview (another resource's output): no child, and a warning that says why", async () => {
      // A resource's output the mocks do not return is unknown during a preview.
      const gate = new Gate(fresh("gate"));
      const name = fresh("unknown");
      const component = new SecretsFromDotenv(name, { content: gate.text, kind: "variables", repository: "app" });
      await promiseOf(component.urn);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(childrenOf(name).size, 0);
      assert.equal(warnings.length, 1, warnings.join("\n"));
      assert.match(
        warnings[0]!,
        /the \.env content is not known during preview \(it comes from a resource not yet updated\), so its variables are not listed and existing ones show as deleted; `pulumi up` reads the content/,
      );
    });

    it("a file at preview: its children are listed", async () => {
      const name = fresh("previewfile");
      const component = new SecretsFromDotenv(name, { path: file(FILE), repository: "app" });
      assert.deepEqual(await settle(component), ["DB_PASSWORD", "API_TOKEN", "LEVEL"]);
      assert.equal(childrenOf(name).size, 3);
      assert.deepEqual(warnings, []);
    });
  });
});
