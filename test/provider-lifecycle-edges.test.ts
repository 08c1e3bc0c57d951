import assert from "node:assert/strict";
import { provider as operations } from "./support/deployment";
import { sealForGitHub } from "../provider/values/sealing";
import type { ResolvedInputs } from "../provider/types";
import { configureProvider } from "./support/configure-provider";
import { checkedInputs, createVia } from "./support/lifecycle";
import { emulator } from "./support/root-hooks";
import { scopeFixtures } from "./support/scope-fixtures";

/*
 * Edges of the one lifecycle path, for every scope: a refresh whose GET fails is an error,
 * not a deletion; what diff counts as a change (an update that changes nothing on GitHub is
 * in write-paths.test.ts).
 */

describe("lifecycle edges, for every scope", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (extra: object = {}) => ({ ...fixture.inputs, [fixture.nameProperty]: "EDGE", value: "v", ...extra });

      it("refresh: a failing GET of the item is an error naming the item, and only a 404 means deleted", async () => {
        const { id, outs } = await createVia(fixture.key, props());
        // The first refresh serves the item from the container's list; a second one asks for the item itself.
        assert.equal((await operations.read(fixture.key, id, outs)).id, id);
        emulator().injectFault({ method: "GET", path: id, status: 403 });
        await assert.rejects(operations.read(fixture.key, id, outs), new RegExp(`^GitHubSecretsError: Reading .* EDGE in .* failed: the token may not manage this`));
        assert.ok(fixture.kind === "secret" ? emulator().getSecret(fixture.container, "EDGE") : emulator().getVariable(fixture.container, "EDGE"));

        emulator().injectFault({ method: "GET", path: id, status: 404 });
        assert.deepEqual(await operations.read(fixture.key, id, outs), {}, "gone: the resource is dropped (onDrift overwrite)");
      });

      it("diff: onDrift counts as a change only when the policy differs (unset is overwrite)", async () => {
        const { id, outs } = await createVia(fixture.key, props());
        for (const [onDrift, changes] of [["overwrite", false], ["ignore", true], ["fail", true]] as const) {
          const diff = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, props({ onDrift }), outs));
          assert.deepEqual([diff.changes, diff.replaces], [changes, []], onDrift);
        }
        const explicit = await createVia(fixture.key, props({ [fixture.nameProperty]: "EXPLICIT", onDrift: "overwrite" }));
        const unset = await operations.diff(fixture.key, explicit.id, explicit.outs, await checkedInputs(fixture.key, props({ [fixture.nameProperty]: "EXPLICIT" }), explicit.outs));
        assert.equal(unset.changes, false, "removing onDrift: \"overwrite\" changes nothing");
      });

      it("delete: an item already gone counts as deleted; another failure is an error", async () => {
        const { id, outs } = await createVia(fixture.key, props());
        emulator().injectFault({ method: "DELETE", path: id, status: 409 });
        await assert.rejects(operations.delete(fixture.key, id, outs), /^GitHubSecretsError: Deleting .* EDGE in .* failed/);
        await operations.delete(fixture.key, id, outs);
        await operations.delete(fixture.key, id, outs);
        assert.equal(fixture.kind === "secret" ? emulator().getSecret(fixture.container, "EDGE") : emulator().getVariable(fixture.container, "EDGE"), undefined);
      });
    });
  }

  for (const fixture of scopeFixtures.filter((f) => f.kind === "secret")) {
    it(`${fixture.key}: diff sees a switch between \`value\` and \`valueEncrypted\`, and a new sealed value under the same key`, async () => {
      const key = emulator().publicKey(fixture.container);
      const sealed = (text: string) => sealForGitHub(text, key.key);
      const base = { ...fixture.inputs, secretName: "SWITCH" };
      const plain = await createVia(fixture.key, { ...base, value: "v" });
      const toSealed = await checkedInputs(fixture.key, { ...base, valueEncrypted: sealed("v"), keyId: key.keyId }, plain.outs);
      assert.equal((await operations.diff(fixture.key, plain.id, plain.outs, toSealed)).changes, true, "value -> valueEncrypted");

      const presealed = await createVia(fixture.key, { ...base, secretName: "PRESEALED", valueEncrypted: sealed("a"), keyId: key.keyId });
      const resealed = { ...presealed.outs, valueEncrypted: sealed("b") } as ResolvedInputs;
      assert.deepEqual(
        [(await operations.diff(fixture.key, presealed.id, presealed.outs, resealed)).changes, presealed.outs.keyId],
        [true, resealed.keyId],
        "a new box under the same key id",
      );
      const toPlain = { ...presealed.outs, valueEncrypted: undefined, keyId: undefined, value: "a" } as ResolvedInputs;
      assert.equal((await operations.diff(fixture.key, presealed.id, presealed.outs, toPlain)).changes, true, "valueEncrypted -> value");
    });
  }

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: a name failure names the scope's own name property, and only a leading digit is called one`, async () => {
      const failure = async (name: unknown) =>
        (await operations.check(fixture.key, {}, { ...fixture.inputs, [fixture.nameProperty]: name, value: "v" })).failures?.[0]?.reason;
      assert.equal(await failure(""), `\`${fixture.nameProperty}\` is required`);
      assert.equal(await failure(7), `\`${fixture.nameProperty}\` must be a string, got number`);
      assert.equal(await failure("A-1"), `${fixture.kind} name "A-1" may contain only letters, digits and underscores ([A-Za-z0-9_])`);
    });
  }

  for (const fixture of scopeFixtures.filter((f) => f.inputs.org !== undefined || f.key === "codespaces-user-secret")) {
    const visibility = fixture.inputs.org ? "selected" : undefined;
    const props = (selectedRepositories: unknown) => ({ ...fixture.inputs, visibility, [fixture.nameProperty]: "PICKED", value: "v", selectedRepositories });

    it(`${fixture.key}: a repository reference with digits is still checked as a name`, async () => {
      for (const ref of ["a b1", "1 ab", "1/2/3"]) {
        const { failures } = await operations.check(fixture.key, {}, props([ref]));
        assert.equal(failures?.[0]?.property, "selectedRepositories[0]", ref);
      }
      assert.deepEqual((await operations.check(fixture.key, {}, props(["1002", 1003, "12"]))).failures, []);
    });

    it(`${fixture.key}: diff sees another selection of the same size`, async () => {
      const { id, outs } = await createVia(fixture.key, props(["octo-org/app"]));
      const other = await operations.diff(fixture.key, id, outs, await checkedInputs(fixture.key, props(["octo-org/api"]), outs));
      assert.deepEqual([other.changes, other.replaces], [true, []]);
      const joined = { ...outs, selectedRepositories: ["ab", "c"] };
      const split = await operations.diff(fixture.key, id, joined, await checkedInputs(fixture.key, props(["a", "bc"]), outs));
      assert.equal(split.changes, true, "[ab, c] is not [a, bc]");
    });
  }

  for (const fixture of scopeFixtures.filter((f) => f.inputs.org !== undefined || f.key === "codespaces-user-secret")) {
    it(`${fixture.key}: refresh reads a selection changed elsewhere, and asks for it only while the item is selected`, async () => {
      const visibility = fixture.inputs.org ? "selected" : undefined;
      const { id, outs } = await createVia(fixture.key, { ...fixture.inputs, visibility, [fixture.nameProperty]: "SHARED", value: "v", selectedRepositories: ["octo-org/app"] });
      const behindBack = (extra: object) =>
        fixture.kind === "secret"
          ? emulator().putSecretBehindBack(fixture.container, "SHARED", undefined, extra)
          : emulator().putVariableBehindBack(fixture.container, "SHARED", "v", extra);
      behindBack({ selectedRepositoryIds: [1001, 1002] });
      const read = await operations.read(fixture.key, id, outs);
      assert.deepEqual([read.props?.selectedRepositoryIds, read.props?.selectedRepositories], [[1001, 1002], [1001, 1002]]);

      behindBack({ selectedRepositoryIds: [1001] });
      const same = await operations.read(fixture.key, id, outs);
      assert.deepEqual([same.props?.selectedRepositoryIds, same.props?.selectedRepositories], [[1001], ["octo-org/app"]], "an unchanged selection keeps its names");
      if (!fixture.inputs.org) return;
      behindBack({ visibility: "all" });
      emulator().clearRequests();
      const widened = await operations.read(fixture.key, id, outs);
      assert.equal(widened.props?.visibility, "all");
      assert.deepEqual(emulator().requests.filter((r) => r.path.endsWith("/repositories")), [], "no selection to ask for");
    });
  }

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: deleting one resource after writing another in the same deployment removes it`, async () => {
      const props = (name: string) => ({ ...fixture.inputs, [fixture.nameProperty]: name, value: "v" });
      const first = await createVia(fixture.key, props("FIRST"));
      await createVia(fixture.key, props("SECOND"));
      await operations.delete(fixture.key, first.id, first.outs);
      const stored = (name: string) => (fixture.kind === "secret" ? emulator().getSecret(fixture.container, name) : emulator().getVariable(fixture.container, name));
      assert.deepEqual([stored("FIRST"), stored("SECOND")?.name], [undefined, "SECOND"]);
    });
  }

  for (const fixture of scopeFixtures.filter((f) => "repository" in f.inputs)) {
    it(`${fixture.key}: refresh never takes an item of another container for this one`, async () => {
      const other = "environment" in fixture.inputs ? { environment: "production" } : { repository: "api" };
      const props = (name: string, value: string, where: object = {}) => ({ ...fixture.inputs, ...where, [fixture.nameProperty]: name, value });
      const there = await createVia(fixture.key, props("TWIN", "there", other));
      const here = await createVia(fixture.key, props("ONE", "here"));
      await createVia(fixture.key, props("TWIN", "here"));
      await operations.read(fixture.key, here.id, here.outs);
      assert.deepEqual((await operations.read(fixture.key, there.id, there.outs)).props, there.outs);
    });
  }
});
