import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { providerFor } from "../../provider/resources/provider-objects";
import type { ResolvedInputs, ResolvedOutputs, ScopeKey } from "../../provider/types";
import { emulator } from "../support/root-hooks";
import { scopeFixtures } from "../support/scope-fixtures";

/*
 * The serialized provider object, called in this process: each method reaches the package's
 * built operations by name (dist/, as a user's program does) with its scope. The SDK's host
 * process drives the same object in dynamic-provider-host.test.ts.
 */

/**
 * After each test, the built package is unloaded, so the next test's methods load it anew: a
 * new provider process, with a Deployment of its own.
 */
function unloadBuiltPackage(): void {
  const built = path.dirname(require.resolve("pulumi-github-secrets/dist/provider/operations.js"));
  for (const file of Object.keys(require.cache)) if (file.startsWith(built + path.sep)) delete require.cache[file];
}

describe("the provider object Pulumi serializes: every call forwarded with its scope, in-process", () => {
  afterEach(unloadBuiltPackage);

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: forwards configure, check, diff, create, read, update and delete with its scope`, async () => {
      const provider = providerFor(fixture.key);
      const config: Record<string, string> = { "github:token": emulator().token, "github:baseUrl": emulator().url, "githubSecrets:writeIntervalMs": "0" };
      await provider.configure!({ config: { get: (key: string) => config[key], require: (key: string) => config[key]! } });
      const stored = () => (fixture.kind === "secret" ? emulator().getSecret(fixture.container, "FORWARDED") : emulator().getVariable(fixture.container, "FORWARDED"));

      const checked = await provider.check!({}, { ...fixture.inputs, [fixture.nameProperty]: "forwarded", value: "one" });
      assert.deepEqual(checked.failures, []);
      assert.equal(checked.inputs[fixture.nameProperty], "FORWARDED");
      const created = await provider.create(checked.inputs);
      assert.equal(stored()?.value, "one");
      const outs = created.outs as ResolvedOutputs;

      assert.deepEqual(await provider.read!(created.id, outs), { id: created.id, props: outs });
      if (fixture.kind === "secret") emulator().putSecretBehindBack(fixture.container, "FORWARDED", "elsewhere");
      else emulator().putVariableBehindBack(fixture.container, "FORWARDED", "elsewhere");
      const read = await provider.read!(created.id, outs);
      assert.equal(read.props.updatedAt, stored()?.updatedAt, "refresh sees the change made elsewhere");
      const news = { ...(checked.inputs as ResolvedInputs), value: "two" };
      const diff = await provider.diff!(created.id, outs, news);
      assert.deepEqual([diff.changes, diff.replaces], [true, []]);
      const updated = await provider.update!(created.id, outs, news);
      assert.equal(stored()?.value, "two");
      await provider.delete!(created.id, updated.outs);
      assert.equal(stored(), undefined);
    });
  }
});

/*
 * One provider object per scope, so the SDK serializes each scope's provider once.
 */

describe("provider objects: one per scope", () => {
  it("one provider object per scope, carrying its scope, another for each other scope", () => {
    // Keys no other test asked for: the objects are made here, not found from an earlier test.
    const [first, second] = [`probe-${randomUUID()}`, `probe-${randomUUID()}`] as unknown as ScopeKey[];
    const provider = providerFor(first);
    assert.equal((provider as unknown as { scope: string }).scope, first);
    assert.equal(providerFor(first), provider, "the same object again: the SDK serializes it once");
    assert.notEqual(providerFor(second), provider);
    assert.equal((providerFor(second) as unknown as { scope: string }).scope, second);
  });
});
