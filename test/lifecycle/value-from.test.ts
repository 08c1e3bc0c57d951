import assert from "node:assert/strict";
import { newProviderProcess, provider as operations } from "../support/deployment";
import type { ResolvedInputs, ResolvedOutputs } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { emulator } from "../support/root-hooks";
import { scopeFixtures } from "../support/scope-fixtures";
import { nodeCommand, withSourceVariable } from "../support/value-source-commands";
import { UNKNOWN } from "../../provider/lifecycle/input-rules";
import { checkedInputs, createVia, updateVia } from "../support/lifecycle";
import { withEnvironment } from "../support/environment";

/*
 * `valueFrom` through the provider's methods, for every secret scope: the value reaches
 * GitHub, never the outputs; diff reads the source and compares fingerprints; a missing
 * source fails at check or diff, naming the source. A new provider process (a new phase of
 * a Pulumi command) is modelled by forgetting the values read.
 */

const SOURCE = "VALUES_TEST_SOURCE";
const writes = () => emulator().requests.filter((r) => r.method !== "GET");

/** Runs `body` as a new provider process that reads the source as `value` (undefined: unset). */
const withSource = <T>(value: string | undefined, body: () => Promise<T>): Promise<T> => withSourceVariable(SOURCE, value, body);

describe("valueFrom through the provider's methods", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures.filter((f) => f.kind === "secret")) {
    describe(fixture.key, () => {
      const news = (extra: Record<string, unknown> = {}) => ({ ...fixture.inputs, secretName: "FROM_ENV", valueFrom: { env: SOURCE }, ...extra });
      const stored = () => emulator().getSecret(fixture.container, "FROM_ENV");

      async function created(value: string): Promise<{ id: string; outs: ResolvedOutputs }> {
        return withSource(value, async () => {
          const checked = await operations.check(fixture.key, {}, news());
          assert.deepEqual(checked.failures, []);
          const result = await operations.create(fixture.key, checked.inputs as ResolvedInputs);
          return { id: result.id, outs: result.outs! };
        });
      }

      it("writes the source's value; the outputs hold the source and a fingerprint, never the value", async () => {
        const value = "from-the-environment-1";
        const { outs } = await created(value);
        assert.equal(stored()?.value, value);
        assert.deepEqual(outs.valueFrom, { env: SOURCE });
        assert.equal(outs.value, undefined);
        assert.match(outs.valueFingerprint!, /^\$scrypt\$/);
        assert.ok(!JSON.stringify(outs).includes(value), "no output carries the value");
      });

      it("an unchanged source: no change and no request; a changed one: one update in place, one write", async () => {
        const { id, outs } = await created("first-value-aaaa");
        emulator().clearRequests();
        const same = await withSource("first-value-aaaa", async () => {
          const checked = await operations.check(fixture.key, news(), news());
          return operations.diff(fixture.key, id, outs, checked.inputs as ResolvedInputs);
        });
        assert.equal(same.changes, false);
        assert.equal(emulator().requests.length, 0, "diff sends nothing");

        const updated = await withSource("second-value-bbbb", async () => {
          const checked = await operations.check(fixture.key, news(), news());
          const changed = await operations.diff(fixture.key, id, outs, checked.inputs as ResolvedInputs);
          assert.equal(changed.changes, true, "a changed source shows at preview");
          assert.deepEqual(changed.replaces, []);
          return (await operations.update(fixture.key, id, outs, checked.inputs as ResolvedInputs)).outs!;
        });
        assert.equal(stored()?.value, "second-value-bbbb");
        assert.deepEqual(writes().map((r) => r.method), ["PUT"], "one write");
        assert.notEqual(updated.valueFingerprint, outs.valueFingerprint);
        assert.ok(!JSON.stringify(updated).includes("second-value-bbbb"));

        emulator().clearRequests();
        const after = await withSource("second-value-bbbb", () => operations.diff(fixture.key, id, updated, news() as ResolvedInputs));
        assert.equal(after.changes, false, "the new fingerprint matches the new value");
      });

      it("a missing source fails check (new resource) and diff (existing one), naming the variable only", async () => {
        const { id, outs } = await created("present-value-cccc");
        emulator().clearRequests();
        await withSource(undefined, async () => {
          const checked = await operations.check(fixture.key, {}, news());
          assert.deepEqual(checked.failures, [
            { property: "", reason: `\`valueFrom\` env ${SOURCE}: the environment variable is not set in the provider's process, which has the environment \`pulumi\` was started with` },
          ]);
          await assert.rejects(operations.diff(fixture.key, id, outs, news() as ResolvedInputs), new RegExp(`env ${SOURCE}: the environment variable is not set`));
        });
        assert.equal(emulator().requests.length, 0);
      });

      it("moves between value and valueFrom with one write each way", async () => {
        const { id, outs } = await created("sourced-value-dddd");
        const plain = { ...fixture.inputs, secretName: "FROM_ENV", value: "plain-value-eeee" };
        emulator().clearRequests();
        const toPlain = await withSource("sourced-value-dddd", async () => {
          const checked = await operations.check(fixture.key, news(), plain);
          assert.equal((await operations.diff(fixture.key, id, outs, checked.inputs as ResolvedInputs)).changes, true);
          return (await operations.update(fixture.key, id, outs, checked.inputs as ResolvedInputs)).outs!;
        });
        assert.equal(stored()?.value, "plain-value-eeee");
        assert.equal(toPlain.valueFingerprint, undefined);
        assert.equal(toPlain.valueFrom, undefined);
        const back = await withSource("sourced-value-dddd", async () => {
          assert.equal((await operations.diff(fixture.key, id, toPlain, news() as ResolvedInputs)).changes, true);
          return (await operations.update(fixture.key, id, toPlain, news() as ResolvedInputs)).outs!;
        });
        assert.equal(stored()?.value, "sourced-value-dddd");
        assert.equal(back.value, undefined);
        assert.equal(writes().length, 2);
      });

      it("a write made elsewhere: refresh drops the fingerprint (overwrite) and up writes the source's value again, or refresh fails (fail)", async () => {
        const { id, outs } = await created("sourced-value-ffff");
        emulator().putSecretBehindBack(fixture.container, "FROM_ENV", "rotated-elsewhere");
        const read = await operations.read(fixture.key, id, outs);
        assert.equal(read.props!.valueFingerprint, undefined);
        await withSource("sourced-value-ffff", async () => {
          assert.equal((await operations.diff(fixture.key, id, read.props!, news() as ResolvedInputs)).changes, true);
          await operations.update(fixture.key, id, read.props!, news() as ResolvedInputs);
        });
        assert.equal(stored()?.value, "sourced-value-ffff");

        emulator().putSecretBehindBack(fixture.container, "FROM_ENV", "rotated-again");
        await assert.rejects(operations.read(fixture.key, id, { ...outs, onDrift: "fail" }), /FROM_ENV .* was changed outside Pulumi .*: it was written at/);
      });

      it("rejects a malformed valueFrom before any request, naming the property and the rule", async () => {
        const cases: [Record<string, unknown>, string, RegExp][] = [
          [{ valueFrom: { env: "A" }, value: "v" }, "valueFrom", /exactly one of `value`.*`valueEncrypted`.*or `valueFrom`/],
          [{ valueFrom: {} }, "valueFrom", /exactly one of `env`, `file` or `command`/],
          [{ valueFrom: { env: "A", file: "f" } }, "valueFrom", /not env and file/],
          [{ valueFrom: { cmd: ["op"] } }, "valueFrom", /has no field `cmd`/],
          [{ valueFrom: "DB_PASSWORD" }, "valueFrom", /must be one of `\{ env: "NAME" \}`/],
          [{ valueFrom: { env: "" } }, "valueFrom", /name of an environment variable/],
          [{ valueFrom: { file: "" } }, "valueFrom", /must be a path/],
          [{ valueFrom: { command: [] } }, "valueFrom", /non-empty list of non-empty strings/],
          [{ valueFrom: { command: "op read op://v/i/f" } }, "valueFrom", /non-empty list/],
          [{ valueFrom: { command: ["op"], timeoutSeconds: 0 } }, "valueFrom", /timeoutSeconds` must be a number of seconds above 0/],
          [{ valueFrom: { env: "A", timeoutSeconds: 5 } }, "valueFrom", /goes with `command` only/],
          [{ valueFrom: { env: "A" }, keyId: "k" }, "keyId", /goes with `valueEncrypted` only/],
          [{ valueFrom: { env: "A" }, onDrift: "keep" }, "onDrift", /one of "overwrite", "ignore", "fail"/],
        ];
        for (const [extra, property, reason] of cases) {
          const { valueFrom: _, ...base } = news();
          const { failures } = await operations.check(fixture.key, {}, { ...base, ...extra });
          const found = failures!.find((f) => f.property === property);
          assert.ok(found, `expected a failure on ${property} for ${JSON.stringify(extra)}; got ${JSON.stringify(failures)}`);
          assert.match(found.reason, reason);
        }
        assert.equal(emulator().requests.length, 0);
      });
    });
  }

  it("variables take no valueFrom", async () => {
    const { failures } = await operations.check("actions-repository-variable", {}, {
      owner: "octo-org", repository: "app", variableName: "V", value: "v", valueFrom: { env: SOURCE },
    });
    assert.match(failures!.find((f) => f.property === "valueFrom")!.reason, /`valueFrom` is for secrets/);
  });
});

/*
 * check's rules for the shape of `valueFrom`, and for `keyId`, for every secret scope: each
 * failure names the property (neither is secret-bearing) and says the rule exactly. The
 * resource exists already (olds are given), so check does not read the source.
 */

describe("valueFrom: check's rules for its shape, and for keyId, for every secret scope", () => {
  beforeEach(() => configureProvider());

  const SHAPES = '`{ env: "NAME" }`, `{ file: "path" }` or `{ command: ["program", "arg", …] }`';
  const TIMEOUT = "`valueFrom.timeoutSeconds` must be a number of seconds above 0 and at most 3600";
  const COMMAND = "`valueFrom.command` must be a non-empty list of non-empty strings, the program first (it runs without a shell)";

  const rejected: [unknown, string][] = [
    ["ENV_NAME", `\`valueFrom\` must be one of ${SHAPES}`],
    [["env"], `\`valueFrom\` must be one of ${SHAPES}`],
    [{ env: "X", shell: true }, `\`valueFrom\` has no field \`shell\`; it is one of ${SHAPES}`],
    [{}, "`valueFrom` must have exactly one of `env`, `file` or `command`"],
    [{ env: "X", file: "f" }, "`valueFrom` must have exactly one of `env`, `file` or `command`, not env and file"],
    [{ env: "" }, "`valueFrom.env` must be the name of an environment variable"],
    [{ env: "A=B" }, "`valueFrom.env` must be the name of an environment variable"],
    [{ file: "a\0b" }, "`valueFrom.file` must be a path: absolute, or relative to the program's directory"],
    [{ file: 3 }, "`valueFrom.file` must be a path: absolute, or relative to the program's directory"],
    [{ command: [] }, COMMAND],
    [{ command: ["op", ""] }, COMMAND],
    [{ command: "op read" }, COMMAND],
    [{ env: "X", timeoutSeconds: 5 }, "`valueFrom.timeoutSeconds` goes with `command` only"],
    ...[0, -1, 3601, "5", Number.NaN].map((timeoutSeconds): [unknown, string] => [{ command: ["op"], timeoutSeconds }, TIMEOUT]),
  ];

  const accepted: unknown[] = [
    { env: "X", file: undefined, command: null },
    { env: UNKNOWN },
    { command: UNKNOWN },
    { command: [UNKNOWN, "read"] },
    { command: ["op"], timeoutSeconds: 3600 },
    { command: ["op"], timeoutSeconds: 0.5 },
    { command: ["op"], timeoutSeconds: UNKNOWN },
  ];

  for (const fixture of scopeFixtures.filter((f) => f.kind === "secret")) {
    const olds = { ...fixture.inputs, secretName: "SOURCED" };
    const check = (inputs: Record<string, unknown>) => operations.check(fixture.key, olds, { ...fixture.inputs, secretName: "SOURCED", ...inputs });

    it(`${fixture.key}: valueFrom of the wrong shape is refused with the rule, and a well-formed one passes`, async () => {
      for (const [valueFrom, reason] of rejected) {
        const { failures } = await check({ valueFrom });
        assert.deepEqual(failures, [{ property: "valueFrom", reason }], JSON.stringify(valueFrom));
      }
      for (const valueFrom of accepted) {
        assert.deepEqual((await check({ valueFrom })).failures, [], JSON.stringify(valueFrom));
      }
      assert.equal(emulator().requests.length, 0, "check never calls GitHub");
    });

    it(`${fixture.key}: a keyId failure names \`keyId\``, async () => {
      const sealed = Buffer.alloc(60, 1).toString("base64");
      const cases: [Record<string, unknown>, string][] = [
        [{ valueEncrypted: sealed, keyId: 7 }, "`keyId` must be a string"],
        [{ value: "v", keyId: "k" }, "`keyId` goes with `valueEncrypted` only; a plaintext `value` is sealed with GitHub's current key"],
        [{ valueFrom: { env: "X" }, keyId: "k" }, "`keyId` goes with `valueEncrypted` only; a `valueFrom` value is sealed with GitHub's current key"],
      ];
      for (const [inputs, reason] of cases) {
        assert.deepEqual((await check(inputs)).failures, [{ property: "keyId", reason }], JSON.stringify(inputs));
      }
      assert.deepEqual((await check({ valueEncrypted: sealed, keyId: UNKNOWN })).failures, []);
    });

    it(`${fixture.key}: a new resource's source is read by check, only once the other rules pass`, async () => {
      const unset = { env: "VALUE_FROM_CHECK_NEVER_SET" };
      const fresh = (inputs: Record<string, unknown>) => operations.check(fixture.key, {}, { ...fixture.inputs, secretName: "SOURCED", ...inputs });
      const missing = (await fresh({ valueFrom: unset })).failures ?? [];
      assert.deepEqual(missing.map((f) => f.property), [""]);
      assert.match(missing[0]!.reason, /VALUE_FROM_CHECK_NEVER_SET: the environment variable is not set/);
      const badName = (await fresh({ secretName: "1BAD", valueFrom: unset })).failures ?? [];
      assert.deepEqual(badName.map((f) => f.property), ["secretName"], "the name's failure alone, no source read");
      assert.deepEqual((await fresh({ value: "v", valueFrom: null })).failures, [], "a null source is no source");
    });
  }
});

/*
 * `valueFrom: null` (a program that sets the field conditionally) is no source, for every
 * secret scope: the plaintext `value` is written, no fingerprint of it is kept, and diff
 * compares that value.
 */

describe("valueFrom: null is no source", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures.filter((f) => f.kind === "secret")) {
    it(`${fixture.key}: the value is written, no fingerprint is kept, and diff compares the value`, async () => {
      const news = (value: string) => ({ ...fixture.inputs, secretName: "PLAIN", value, valueFrom: null });
      const { id, outs } = await createVia(fixture.key, news("first"));
      assert.equal(emulator().getSecret(fixture.container, "PLAIN")?.value, "first");
      assert.ok(!("valueFingerprint" in outs), "no source whose change a fingerprint would notice");
      const same = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, news("first"), outs));
      assert.equal(same.changes, false);
      const changed = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, news("second"), outs));
      assert.deepEqual([changed.changes, changed.replaces], [true, []]);
    });
  }
});

/*
 * A `valueFrom` value through create and update, for every secret scope: an update that
 * sends nothing, or that leaves the value as it is, keeps the fingerprint of the value
 * written; the value read is concealed from the write's failure messages even when
 * GitHub's (or a proxy's) message quotes it.
 */

describe("valueFrom: writes of a value read from a source", () => {
  beforeEach(() => configureProvider());

  const SOURCE = "WRITE_SOURCED_VALUE";

  /** Runs `body` as a new provider process that reads the source as `value` (undefined: unset). */
  const withSource = <T>(value: string | undefined, body: () => Promise<T>): Promise<T> => withSourceVariable(SOURCE, value, body);

  for (const fixture of scopeFixtures.filter((f) => f.kind === "secret")) {
    describe(fixture.key, () => {
      const props = (extra: object = {}) => ({ ...fixture.inputs, secretName: "SOURCED", valueFrom: { env: SOURCE }, ...extra });

      it("an update of onDrift alone sends nothing and keeps the fingerprint", async () => {
        const { id, outs } = await withSource("sourced-value-1", () => createVia(fixture.key, props()));
        assert.match(outs.valueFingerprint!, /^\$scrypt\$/);
        emulator().clearRequests();
        const updated = await withSource("sourced-value-1", async () => (await operations.update(fixture.key, id, outs, await checkedInputs(fixture.key, props({ onDrift: "fail" }), outs))).outs!);
        assert.deepEqual(emulator().requests, []);
        assert.deepStrictEqual(updated, { ...outs, onDrift: "fail" });
      });

      it("the value read is concealed from a failure message that quotes it", async () => {
        const value = "sourced-value-quoted";
        emulator().injectFault({ method: "PUT", status: 403, body: { message: `Refused the value ${value}` } });
        await withSource(value, () =>
          assert.rejects(createVia(fixture.key, props()), (error: Error) => {
            assert.ok(!error.message.includes(value), error.message);
            assert.match(error.message, /Refused the value \[REDACTED\]/);
            return true;
          }),
        );
      });

      if (fixture.inputs.org) {
        it("a change of visibility with the source unchanged writes the same value and keeps the fingerprint", async () => {
          const { id, outs } = await withSource("sourced-value-2", () => createVia(fixture.key, props()));
          emulator().clearRequests();
          const updated = await withSource("sourced-value-2", () => updateVia(fixture.key, id, outs, props({ visibility: "all" })));
          assert.deepEqual(
            emulator().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`),
            [`PUT ${id}`],
          );
          const item = emulator().getSecret(fixture.container, "SOURCED")!;
          assert.deepEqual([item.value, item.visibility], ["sourced-value-2", "all"]);
          assert.equal(updated.valueFingerprint, outs.valueFingerprint);
        });
      }
    });
  }
});

/*
 * What a preview and an `up` make of a `valueFrom` that is not known yet or points elsewhere,
 * and the words of an `onDrift: "fail"` refresh: the guidance differs for a secret and a variable.
 */

describe("valueFrom across a preview and an up", () => {
  beforeEach(() => configureProvider());

  const key = "actions-repository-secret";
  const base = { owner: "octo-org", repository: "app", secretName: "SOURCED" };

  async function created(valueFrom: unknown): Promise<{ id: string; outs: ResolvedOutputs }> {
    newProviderProcess();
    const checked = await operations.check(key, {}, { ...base, valueFrom });
    assert.deepEqual(checked.failures, []);
    const result = await operations.create(key, checked.inputs as ResolvedInputs);
    return { id: result.id, outs: result.outs! };
  }

  it("a source not known yet (preview) is neither read nor refused, and shows as a change", async () => {
    const { id, outs } = await withEnvironment({ SOURCE_CHANGES_A: "known-value-1" }, () => created({ env: "SOURCE_CHANGES_A" }));
    emulator().clearRequests();
    for (const valueFrom of [UNKNOWN, { env: UNKNOWN }, { command: ["op", UNKNOWN] }]) {
      newProviderProcess();
      const checked = await operations.check(key, {}, { ...base, valueFrom });
      assert.deepEqual(checked.failures, [], JSON.stringify(valueFrom));
      const diff = await operations.diff(key, id, outs, checked.inputs as ResolvedInputs);
      assert.equal(diff.changes, true, JSON.stringify(valueFrom));
    }
    assert.equal(emulator().requests.length, 0);
  });

  it("another source with the same value is a change (the state records the source); another timeout is not", async () => {
    const { id, outs } = await withEnvironment({ SOURCE_CHANGES_A: "same-value-2" }, () => created({ env: "SOURCE_CHANGES_A" }));
    await withEnvironment({ SOURCE_CHANGES_A: "same-value-2", SOURCE_CHANGES_B: "same-value-2" }, async () => {
      newProviderProcess();
      assert.equal((await operations.diff(key, id, outs, { ...base, valueFrom: { env: "SOURCE_CHANGES_A" } } as ResolvedInputs)).changes, false);
      assert.equal((await operations.diff(key, id, outs, { ...base, valueFrom: { env: "SOURCE_CHANGES_B" } } as ResolvedInputs)).changes, true);
    });
    const command = nodeCommand("process.stdout.write('from-a-command-3')", 5);
    const fromCommand = await created(command);
    newProviderProcess();
    const slower = { ...base, valueFrom: { ...command, timeoutSeconds: 9 } } as ResolvedInputs;
    assert.equal((await operations.diff(key, fromCommand.id, fromCommand.outs, slower)).changes, false);
  });

  it("fail: a secret and a variable are told how to keep the change, each its own way, every change listed", async () => {
    const checkedSecret = await operations.check(key, {}, { ...base, value: "configured-value-4", onDrift: "fail" });
    const made = await operations.create(key, checkedSecret.inputs as ResolvedInputs);
    emulator().putSecretBehindBack({ app: "actions", owner: "octo-org", repo: "app" }, "SOURCED", "elsewhere");
    const secretError = await operations.read(key, made.id, made.outs!).then(() => assert.fail("refresh should fail"), (e: Error) => e.message);
    assert.match(secretError, /\(GitHub's updated_at\), after this stack's last write at [^;]*\. To keep the change, set `onDrift: "ignore"`, run `pulumi up`, then `pulumi refresh` \(it records GitHub's updated_at; "fail" may be set again afterwards\); to write the configured value again, run `pulumi up --replace <URN>` \(`pulumi stack --show-urns` lists them\), or set `onDrift: "overwrite"`, run `pulumi up`, then `pulumi refresh` and `pulumi up`\.$/);

    const variableKey = "actions-organization-variable";
    const checked = await operations.check(variableKey, {}, { org: "octo-org", variableName: "WIDE", value: "configured-value-4", visibility: "private", onDrift: "fail" });
    const variable = await operations.create(variableKey, checked.inputs as ResolvedInputs);
    emulator().putVariableBehindBack({ app: "actions", org: "octo-org" }, "WIDE", "elsewhere", { visibility: "all" });
    const variableError = await operations.read(variableKey, variable.id, variable.outs!).then(() => assert.fail("refresh should fail"), (e: Error) => e.message);
    assert.match(variableError, /: its value differs from the configured one \(not shown\); its visibility is "all", not "private"\. To keep the change, set the configured value to GitHub's and run `pulumi up`, or set `onDrift: "ignore"`; to write the configured value again/);
  });
});
