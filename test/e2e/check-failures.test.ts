import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PulumiRun } from "../../scripts/lib/pulumi-cli";
import { startEmulator, type GitHubEmulator } from "../../emulator";
import { MAX_VALUE_BYTES } from "../../provider/lifecycle/input-rules";
import { assertNoPlaintext, configureForEmulator, removeDir, requirePulumiCli, tearDownStack, useSecretValues, workspaceFor } from "./support";

/*
 * The engine prints a failed check with the whole input of the property it names, even a
 * secret (measured with the Pulumi CLI, v3.259 to v3.274). Every resource class gets each bad
 * value it can get; every `pulumi preview` must fail naming the property and the rule in the
 * reason, send no request and print no value.
 *
 * The values are Pulumi secrets that do not come from the stack's configuration: the engine
 * masks configuration secrets in its output by itself ("[secret]"), which would hide a leak.
 * The engine stops a deployment at the first resource whose check fails (and `preview` has
 * no --continue-on-error), so each case is a preview of its own (one stack; the cases differ
 * only in their --config-file), run a few at a time.
 */

const programDir = path.join(__dirname, "program");
const PROJECT = "github-secrets-e2e";
const PARALLEL_PREVIEWS = 3;

interface Case {
  /** The resource's name, unique across cases, so each failure is found in its own output. */
  readonly name: string;
  readonly type: string;
  readonly args: Record<string, unknown>;
  /** Inputs given as Pulumi secrets, by their value. */
  readonly secretArgs: Record<string, unknown>;
  /** Each failure the engine must print as `resource '<name>' has a problem: <reason>`. */
  readonly failures: readonly { readonly what: string; readonly reason: RegExp }[];
  /** The strings no output, state or log may contain. */
  readonly plaintexts: readonly string[];
}

const marker = () => `leak-${randomBytes(12).toString("hex")}`;

/** Every resource class; the Dependabot and Codespaces variants (repository, organization, user) take turns. */
const classes: { type: string; kind: "secret" | "variable"; args: (i: number) => Record<string, unknown> }[] = [
  { type: "RepoSecret", kind: "secret", args: () => ({ repository: "app" }) },
  { type: "EnvironmentSecret", kind: "secret", args: () => ({ repository: "app", environment: "staging/eu" }) },
  { type: "OrgSecret", kind: "secret", args: () => ({ visibility: "all" }) },
  { type: "DependabotSecret", kind: "secret", args: (i) => (i === 0 ? { repository: "app" } : {}) },
  { type: "CodespacesSecret", kind: "secret", args: (i) => (i === 0 ? { user: true } : {}) },
  { type: "RepoVariable", kind: "variable", args: () => ({ repository: "app" }) },
  { type: "EnvironmentVariable", kind: "variable", args: () => ({ repository: "app", environment: "staging/eu" }) },
  { type: "OrgVariable", kind: "variable", args: () => ({ visibility: "private" }) },
];

const OVERSIZED = { what: "an oversized `value`", reason: /`value` is 49153 bytes; GitHub allows at most 49152 bytes \(48 KB\)/ };
const NOT_A_STRING = { what: "a `value` that is not a string", reason: /`value` must be a string, got object/ };
const MALFORMED = { what: "a malformed `valueEncrypted`", reason: /`valueEncrypted` must be standard base64 \(not URL-safe\) of a libsodium sealed box/ };
const BOTH = { what: "both `value` and `valueEncrypted`", reason: /exactly one of `value` \(plaintext, sealed by this provider\), `valueEncrypted`/ };

/**
 * Two previews per class. A check reports every failure of its resource, so a secret's
 * oversized `value` and malformed `valueEncrypted` share one resource. For a variable the
 * oversized value is the oversized secret variable: the provider cannot tell it from a plain one.
 */
function buildCases(): Case[] {
  return classes.flatMap(({ type, kind, args }) => {
    const named = { [kind === "secret" ? "secretName" : "variableName"]: "CHECKED" };
    const big = marker();
    const sealed = marker();
    const inObject = marker();
    const oversized: Case =
      kind === "secret"
        ? {
            name: `${type.toLowerCase()}-oversized-and-malformed`,
            type,
            args: { ...args(0), ...named, keyId: "key-1" },
            secretArgs: { value: big + "x".repeat(MAX_VALUE_BYTES + 1 - big.length), valueEncrypted: `${sealed}!` },
            failures: [BOTH, OVERSIZED, MALFORMED],
            plaintexts: [big, sealed],
          }
        : {
            name: `${type.toLowerCase()}-oversized`,
            type,
            args: { ...args(0), ...named },
            secretArgs: { value: big + "x".repeat(MAX_VALUE_BYTES + 1 - big.length) },
            failures: [OVERSIZED],
            plaintexts: [big],
          };
    const notAString: Case = {
      name: `${type.toLowerCase()}-not-a-string`,
      type,
      args: { ...args(1), ...named },
      secretArgs: { value: { token: inObject } },
      failures: [NOT_A_STRING],
      plaintexts: [inObject],
    };
    return [oversized, notAString];
  });
}

/** Runs `f` over `items`, at most `limit` at a time, keeping their order. */
async function inParallel<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe("end to end: a rejected value is never printed", function () {
  this.timeout(600_000);
  const stack = `e2e-check-${process.pid}`;
  const cases = buildCases();
  const previews = new Map<string, PulumiRun>();
  let emulator: GitHubEmulator;
  let context: ReturnType<typeof workspaceFor>;
  let valuesDir: string;

  before(async () => {
    requirePulumiCli();
    emulator = await startEmulator({ port: 0 });
    context = workspaceFor(programDir, "github-secrets-e2e-check");
    await context.workspace.run(["stack", "init", stack]);
    await configureForEmulator(context.workspace, emulator);
    valuesDir = await useSecretValues(context.workspace, Object.fromEntries(cases.flatMap((c) => Object.entries(c.secretArgs).map(([input, v]) => [`${c.name}.${input}`, v]))));
    const stackFile = readFileSync(path.join(programDir, `Pulumi.${stack}.yaml`), "utf8");
    assert.match(stackFile, /\nconfig:\n(?: {2}.*\n)+$/, "the stack file ends with its config section");

    emulator.clearRequests();
    await inParallel(cases, PARALLEL_PREVIEWS, async (c) => {
      const spec = [{ type: c.type, name: c.name, args: c.args, secretArgs: Object.fromEntries(Object.keys(c.secretArgs).map((input) => [input, `${c.name}.${input}`])) }];
      const configFile = path.join(valuesDir, `${c.name}.yaml`);
      // A double-quoted YAML scalar takes JSON's escapes.
      writeFileSync(configFile, `${stackFile}  ${PROJECT}:spec: ${JSON.stringify(JSON.stringify(spec))}\n`);
      previews.set(c.name, await context.workspace.run(["preview", "--stack", stack, "--config-file", configFile], { allowFailure: true }));
    });
  });

  after(async () => {
    await tearDownStack(context, stack, emulator);
    if (valuesDir) removeDir(valuesDir);
  });

  for (const c of cases) {
    for (const failure of c.failures) {
      it(`${c.type} '${c.name}': ${failure.what} fails the preview, named in the reason with its rule`, () => {
        const run = previews.get(c.name)!;
        const output = run.stdout + run.stderr;
        assert.notEqual(run.code, 0, `preview of ${c.name} succeeded:\n${output}`);
        assert.match(output, new RegExp(`:${c.type} resource '${c.name}' has a problem: ${failure.reason.source}`));
        assert.doesNotMatch(output, /property (value|valueEncrypted) value/, "the engine quoted a secret-bearing input");
        for (const plaintext of c.plaintexts) assert.ok(!output.includes(plaintext), `a value of ${c.name} is in the preview's output`);
      });
    }
  }

  it("sent no request to GitHub, and no output, state or log holds a value", async () => {
    assert.equal(previews.size, cases.length);
    assert.deepEqual(emulator.requests.map((r) => `${r.method} ${r.path}`), []);
    await assertNoPlaintext(context, [...cases.flatMap((c) => c.plaintexts), emulator.token], "rejected values");
  });
});
