import assert from "node:assert/strict";
import { newProviderProcess, provider as operations } from "./support/deployment";
import type { ResolvedInputs, ResolvedOutputs } from "../provider/types";
import { UNKNOWN } from "../provider/lifecycle/input-rules";
import { configureProvider } from "./support/configure-provider";
import { withEnvironment } from "./support/environment";
import { emulator } from "./support/root-hooks";
import { nodeCommand } from "./support/value-source-commands";

/*
 * What a preview and an `up` make of a `valueFrom` that is not known yet or points elsewhere,
 * and the words of an `onDrift: "fail"` refresh: the guidance differs for a secret and a variable.
 */

const key = "actions-repository-secret";
const base = { owner: "octo-org", repository: "app", secretName: "SOURCED" };

async function created(valueFrom: unknown): Promise<{ id: string; outs: ResolvedOutputs }> {
  newProviderProcess();
  const checked = await operations.check(key, {}, { ...base, valueFrom });
  assert.deepEqual(checked.failures, []);
  const result = await operations.create(key, checked.inputs as ResolvedInputs);
  return { id: result.id, outs: result.outs! };
}

describe("valueFrom sources across a preview and an up", () => {
  beforeEach(() => configureProvider());

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
