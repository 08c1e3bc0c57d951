import assert from "node:assert/strict";
import { provider as operations } from "./support/deployment";
import { UNKNOWN } from "../provider/lifecycle/input-rules";
import { configureProvider } from "./support/configure-provider";
import { emulator } from "./support/root-hooks";
import { scopeFixtures } from "./support/scope-fixtures";

/*
 * check's rules for the shape of `valueFrom`, and for `keyId`, for every secret scope: each
 * failure names the property (neither is secret-bearing) and says the rule exactly. The
 * resource exists already (olds are given), so check does not read the source.
 */

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

describe("check's rules for valueFrom and keyId, for every secret scope", () => {
  beforeEach(() => configureProvider());

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
