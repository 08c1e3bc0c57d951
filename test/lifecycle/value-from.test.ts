import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import type { ResolvedInputs, ResolvedOutputs } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { emulator } from "../support/root-hooks";
import { scopeFixtures } from "../support/scope-fixtures";
import { withSourceVariable } from "../support/value-source-commands";

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
