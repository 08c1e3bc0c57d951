import assert from "node:assert/strict";
import { deployment, provider as operations } from "../support/deployment";
import type { DriftPolicy, ResolvedInputs, ResolvedOutputs, ScopeKey } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { emulator } from "../support/root-hooks";
import { scopeFixtures, storedItem, type ScopeFixture } from "../support/scope-fixtures";
import { refreshed } from "../../provider/lifecycle/drift";
import { startOperation } from "../../provider/lifecycle/item-operation";
import { checkedInputs, createVia, updateVia } from "../support/lifecycle";
import type { Container } from "../../emulator";

/*
 * `onDrift` through the provider's methods, for every secret and variable scope: what
 * refresh keeps of a change made in the emulator behind Pulumi's back, and what the next
 * `up` (diff, then update) does about it.
 */

const TAMPERED = "tampered-elsewhere-9f8e7d";
const writes = () => emulator().requests.filter((r) => r.method !== "GET");

describe("drift: onDrift through the provider's methods", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const news = (onDrift: DriftPolicy | undefined, value = "configured-value") => ({
        ...fixture.inputs,
        [fixture.nameProperty]: "DRIFTING",
        value,
        ...(onDrift ? { onDrift } : {}),
      });
      const stored = () =>
        fixture.kind === "secret" ? emulator().getSecret(fixture.container, "DRIFTING") : emulator().getVariable(fixture.container, "DRIFTING");
      const changeBehindBack = (value = TAMPERED) =>
        fixture.kind === "secret"
          ? emulator().putSecretBehindBack(fixture.container, "DRIFTING", value)
          : emulator().putVariableBehindBack(fixture.container, "DRIFTING", value);
      const deleteBehindBack = () =>
        fixture.kind === "secret"
          ? emulator().deleteSecretBehindBack(fixture.container, "DRIFTING")
          : emulator().deleteVariableBehindBack(fixture.container, "DRIFTING");

      const created = (onDrift: DriftPolicy | undefined) => createVia(fixture.key, news(onDrift));

      /** `pulumi up` with the program unchanged: diff, and update when it reports a change. */
      async function up(id: string, olds: ResolvedOutputs, inputs: Record<string, unknown>) {
        const checked = await operations.check(fixture.key, olds as never, inputs);
        const diff = await operations.diff(fixture.key, id, olds, checked.inputs as ResolvedInputs);
        if (!diff.changes) return { changed: false, outs: olds };
        return { changed: true, outs: (await operations.update(fixture.key, id, olds, checked.inputs as ResolvedInputs)).outs! };
      }

      it("overwrite (default): refresh takes GitHub's side, and up writes the configured value again", async () => {
        const { id, outs } = await created(undefined);
        changeBehindBack();
        const read = await operations.read(fixture.key, id, outs);
        assert.ok(Date.parse(read.props!.updatedAt) > Date.parse(outs.updatedAt));
        const after = await up(id, read.props!, news(undefined));
        assert.equal(after.changed, true);
        assert.equal(stored()?.value, "configured-value");
      });

      it("ignore: refresh keeps the configured side, up sends nothing; a changed configured value still updates", async () => {
        const { id, outs } = await created("ignore");
        changeBehindBack();
        emulator().clearRequests();
        const read = await operations.read(fixture.key, id, outs);
        assert.deepEqual({ ...read.props, updatedAt: outs.updatedAt }, outs, "only GitHub's timestamp is recorded");
        assert.equal(read.props!.updatedAt, stored()?.updatedAt);
        const after = await up(id, read.props!, news("ignore"));
        assert.equal(after.changed, false);
        assert.deepEqual(writes(), []);
        assert.equal(stored()?.value, TAMPERED, "the change made elsewhere stays");

        const changed = await up(id, read.props!, news("ignore", "newly-configured"));
        assert.equal(changed.changed, true);
        assert.equal(stored()?.value, "newly-configured");
      });

      it("fail: refresh fails naming the item and what changed, never a value; the state is untouched", async () => {
        const { id, outs } = await created("fail");
        assert.deepEqual((await operations.read(fixture.key, id, outs)).props, outs, "no change: refresh passes");
        changeBehindBack();
        const error = await operations.read(fixture.key, id, outs).then(
          () => assert.fail("refresh should fail"),
          (e: Error) => e,
        );
        assert.match(error.message, /^\w.* DRIFTING in .* was changed outside Pulumi and its `onDrift` is "fail": /);
        if (fixture.kind === "secret") {
          assert.match(error.message, new RegExp(`it was written at ${stored()!.updatedAt} \\(GitHub's updated_at\\), after this stack's last write at ${outs.updatedAt}`));
        } else {
          assert.match(error.message, /its value differs from the configured one \(not shown\)/);
        }
        assert.match(error.message, /To keep the change, .*onDrift: "ignore".*; to write the configured value again, run `pulumi up --replace <URN>`/);
        assert.ok(!error.message.includes(TAMPERED) && !error.message.includes("configured-value"), "no value in the message");

        deleteBehindBack();
        await assert.rejects(operations.read(fixture.key, id, outs), /was changed outside Pulumi .*: it was deleted\. To accept the deletion, remove the resource/);
      });

      it("a change of policy alone is an update that sends nothing", async () => {
        const { id, outs } = await created(undefined);
        emulator().clearRequests();
        const after = await up(id, outs, news("fail"));
        assert.equal(after.changed, true, "refresh reads the policy from the outputs: it must be recorded");
        assert.equal(after.outs.onDrift, "fail");
        assert.equal(after.outs.updatedAt, outs.updatedAt);
        assert.deepEqual(writes(), []);
      });
    });
  }

  it("fail names a selection and a visibility changed elsewhere; ignore keeps the configured ones", async () => {
    const fixture = scopeFixtures.find((f) => f.key === "actions-organization-secret") as ScopeFixture;
    const extra = emulator().addRepository("octo-org", "extra");
    const create = (name: string, onDrift: DriftPolicy) => createVia(fixture.key, { org: "octo-org", secretName: name, value: "v", selectedRepositories: ["app"], onDrift });
    const failing = await create("SHARED", "fail");
    const appId = failing.outs.selectedRepositoryIds![0]!;
    emulator().putSecretBehindBack(fixture.container, "SHARED", undefined, { selectedRepositoryIds: [appId, extra] });
    await assert.rejects(
      operations.read(fixture.key, failing.id, failing.outs),
      new RegExp(`its repositories are \\[${Math.min(appId, extra)},${Math.max(appId, extra)}\\], not \\[${appId}\\]`),
    );
    emulator().putSecretBehindBack(fixture.container, "SHARED", undefined, { visibility: "all" });
    await assert.rejects(operations.read(fixture.key, failing.id, failing.outs), /its visibility is "all", not "selected"/);

    const ignoring = await create("IGNORING", "ignore");
    emulator().putSecretBehindBack(fixture.container, "IGNORING", undefined, { selectedRepositoryIds: [appId, extra] });
    const read = await operations.read(fixture.key, ignoring.id, ignoring.outs);
    assert.deepEqual(read.props!.selectedRepositoryIds, [appId]);
    assert.deepEqual(read.props!.selectedRepositories, ["app"]);
  });
});

/*
 * A refresh while GitHub still serves the version before our write, and after: the stale
 * read changes nothing, and our own write is not drift.
 */

describe("refresh: stale reads after a write never become drift", () => {
  beforeEach(() => configureProvider());

  async function checked(scope: ScopeKey, news: Record<string, unknown>, olds: object = {}): Promise<ResolvedInputs> {
    const result = await operations.check(scope, olds as never, news);
    assert.deepEqual(result.failures, []);
    return result.inputs as ResolvedInputs;
  }

  async function create(scope: ScopeKey, news: Record<string, unknown>) {
    const created = await operations.create(scope, await checked(scope, news));
    return { id: created.id, outs: created.outs! };
  }

  async function update(scope: ScopeKey, id: string, olds: ResolvedOutputs, news: Record<string, unknown>) {
    return (await operations.update(scope, id, olds, await checked(scope, news, olds))).outs!;
  }

  /** A new deployment (a new provider process): no cached keys, listings or clients. */
  async function nextDeployment(): Promise<void> {
    await configureProvider();
    emulator().clearRequests();
  }

  /** What the item's container list shows right now, straight from the emulator's HTTP API. */
  async function listed(id: string): Promise<{ updated_at: string; value?: string }> {
    const listPath = id.slice(0, id.lastIndexOf("/"));
    const response = await fetch(`${emulator().url}${listPath}?per_page=30`, { headers: { authorization: `token ${emulator().token}` } });
    const body = (await response.json()) as Record<string, { name: string; updated_at: string; value?: string }[]>;
    return Object.values(body).find(Array.isArray)!.find((item) => item.name === id.slice(id.lastIndexOf("/") + 1))!;
  }

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: refresh during and after the stale window keeps our write`, async () => {
      const props = (value: string) => ({ ...fixture.inputs, [fixture.nameProperty]: "STALE_ITEM", value });
      const { id, outs } = await create(fixture.key, props("one"));
      emulator().setStaleReads(60_000);
      const updated = await update(fixture.key, id, outs, props("two"));
      const stale = await listed(id);
      assert.ok(stale.updated_at < updated.updatedAt, "the emulator serves the previous version");

      await nextDeployment();
      const during = await operations.read(fixture.key, id, updated);
      assert.deepEqual(during.props, updated, "a stale read changes nothing, not even the recorded updatedAt");

      emulator().endStaleReads();
      await nextDeployment();
      const after = await operations.read(fixture.key, id, during.props);
      assert.deepEqual(after.props, updated, "our own write is not drift");
      const diff = await operations.diff(fixture.key, id, after.props!, await checked(fixture.key, props("two"), after.props!));
      assert.equal(diff.changes, false, "the next up writes nothing");
    });
  }

  it("a variable written again within the second of our write: refresh records GitHub's value, for that read is not stale", async () => {
    const { id, outs } = await create("actions-repository-variable", { owner: "octo-org", repository: "app", variableName: "SAME_SECOND", value: "ours" });
    // GitHub stamps to the second: a write in the second of ours carries our updated_at.
    const variable = { name: "SAME_SECOND", value: "theirs", created_at: outs.createdAt, updated_at: outs.updatedAt };
    emulator().injectFault({ method: "GET", path: "/repos/octo-org/app/actions/variables", status: 200, body: { total_count: 1, variables: [variable] } });
    await nextDeployment();
    const read = await operations.read("actions-repository-variable", id, outs);
    assert.deepEqual(read.props, { ...outs, value: "theirs" });
  });
});

/*
 * What refresh records of a repository selection changed elsewhere, for every scope with a
 * selection: the ids in numeric order whatever order GitHub answers in, a change seen even
 * when the old and new ids run together into the same digits, and a user secret's selection
 * read whatever visibility GitHub reports for it.
 */

describe("refresh: a selection changed elsewhere", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures.filter((f) => "org" in f.inputs || f.key === "codespaces-user-secret")) {
    const visibility = "org" in fixture.inputs ? "selected" : undefined;
    const created = (selectedRepositories: string[]) =>
      createVia(fixture.key, { ...fixture.inputs, visibility, [fixture.nameProperty]: "SHARED", value: "v", selectedRepositories });
    const behindBack = (selectedRepositoryIds: number[]) =>
      fixture.kind === "secret"
        ? emulator().putSecretBehindBack(fixture.container, "SHARED", undefined, { selectedRepositoryIds })
        : emulator().putVariableBehindBack(fixture.container, "SHARED", "v", { selectedRepositoryIds });

    it(`${fixture.key}: records the ids in numeric order, whatever order GitHub lists them in`, async () => {
      for (const [name, id] of [["nine", 9], ["ten", 10]] as const) emulator().addRepository("octo-org", name, { id });
      const { id, outs } = await created(["octo-org/app"]);
      behindBack([10, 1001, 9]);
      const listed = await operations.read(fixture.key, id, outs);
      assert.deepEqual([listed.props?.selectedRepositoryIds, listed.props?.selectedRepositories], [[9, 10, 1001], [9, 10, 1001]]);
    });

    it(`${fixture.key}: tells [1, 23] from [1, 2, 3]`, async () => {
      for (const [name, id] of [["r1", 1], ["r2", 2], ["r3", 3], ["r23", 23]] as const) emulator().addRepository("octo-org", name, { id });
      const { id, outs } = await created(["octo-org/r1", "octo-org/r23"]);
      assert.deepEqual(outs.selectedRepositoryIds, [1, 23]);
      behindBack([1, 2, 3]);
      const read = await operations.read(fixture.key, id, outs);
      assert.deepEqual([read.props?.selectedRepositoryIds, read.props?.selectedRepositories], [[1, 2, 3], [1, 2, 3]]);
    });
  }

  it("a user secret's selection is read even when GitHub lists it without a visibility", async () => {
    const user = scopeFixtures.find((f) => f.key === "codespaces-user-secret")!;
    const { id, outs } = await createVia(user.key, { secretName: "MINE", value: "v", selectedRepositories: ["octo-org/app"] });
    emulator().putSecretBehindBack(user.container, "MINE", undefined, { selectedRepositoryIds: [1001, 1002] });
    const stored = emulator().getSecret(user.container, "MINE")!;
    // A user secret has no visibility setting of its own; the answer here omits the field.
    const secret = { name: "MINE", created_at: stored.createdAt, updated_at: stored.updatedAt, selected_repositories_url: `${emulator().url}/user/codespaces/secrets/MINE/repositories` };
    emulator().injectFault({ method: "GET", path: "/user/codespaces/secrets", status: 200, body: { total_count: 1, secrets: [secret] } });
    const read = await operations.read(user.key, id, outs);
    assert.equal(read.props?.updatedAt, stored.updatedAt);
    assert.deepEqual(read.props?.selectedRepositoryIds, [1001, 1002]);
  });
});

/*
 * `onDrift: "fail"` compares the recorded selection with GitHub's as a set of repository ids,
 * for every scope with a selection: the order the lists hold does not matter, no list is
 * the empty selection, and a real difference is named with both lists in numeric order.
 */

describe("drift: onDrift fail compares selections as sets of repository ids", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures.filter((f) => "org" in f.inputs || f.key === "codespaces-user-secret")) {
    const props = (extra: Partial<ResolvedOutputs>) =>
      ({
        ...fixture.inputs,
        ...("org" in fixture.inputs ? { visibility: "selected" } : {}),
        [fixture.nameProperty]: "SHARED",
        value: "v",
        onDrift: "fail",
        createdAt: "2024-01-01T00:00:00Z",
        updatedAt: "2024-01-01T00:00:00Z",
        ...extra,
      }) as ResolvedOutputs;
    const refresh = (state: ResolvedOutputs, observed: ResolvedOutputs) =>
      refreshed(startOperation(deployment(), fixture.key, state, "reading"), "the-id", state, observed);

    it(`${fixture.key}: the same ids in another order, and no list against an empty one, are no drift`, () => {
      const state = props({ selectedRepositoryIds: [10, 9] });
      const observed = props({ selectedRepositoryIds: [9, 10] });
      assert.deepEqual(refresh(state, observed), { id: "the-id", props: observed });
      const none = props({});
      const empty = props({ selectedRepositoryIds: [] });
      assert.deepEqual(refresh(none, empty), { id: "the-id", props: empty });
    });

    it(`${fixture.key}: another selection fails, naming both lists in numeric order`, () => {
      assert.throws(
        () => refresh(props({ selectedRepositoryIds: [1001] }), props({ selectedRepositoryIds: [10, 9, 1001] })),
        (error: Error) => error.message.includes("was changed outside Pulumi") && error.message.includes("its repositories are [9,10,1001], not [1001]"),
      );
    });
  }
});

/*
 * A change or a deletion made behind Pulumi's back, for every scope: refresh reports it, and
 * the next update restores the configured value.
 */

describe("refresh: a change or a deletion made behind Pulumi's back, for every scope", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (name: string, value: string) => ({ ...fixture.inputs, [fixture.nameProperty]: name, value });

      it("reports a change made behind Pulumi's back, and the next update restores the value", async () => {
        const { id, outs } = await createVia(fixture.key, props("TOKEN", "configured"));
        if (fixture.kind === "secret") emulator().putSecretBehindBack(fixture.container, "TOKEN", "tampered");
        else emulator().putVariableBehindBack(fixture.container, "TOKEN", "tampered");

        const read = await operations.read(fixture.key, id, outs);
        assert.ok(read.props, "still exists");
        if (fixture.kind === "secret") assert.equal(read.props.value, undefined, "the unknowable value is dropped");
        else assert.equal(read.props.value, "tampered", "a variable's value is read exactly");
        assert.ok(Date.parse(read.props.updatedAt) > Date.parse(outs.updatedAt));

        const checked = await operations.check(fixture.key, read.props as never, props("TOKEN", "configured"));
        const diff = await operations.diff(fixture.key, id, read.props, checked.inputs as ResolvedInputs);
        assert.equal(diff.changes, true, "the next up sees the drift");
        await operations.update(fixture.key, id, read.props, checked.inputs as ResolvedInputs);
        assert.equal(storedItem(fixture, "TOKEN")!.value, "configured");
      });

      it("treats an item deleted behind Pulumi's back as gone", async () => {
        const { id, outs } = await createVia(fixture.key, props("GONE", "x"));
        if (fixture.kind === "secret") emulator().deleteSecretBehindBack(fixture.container, "GONE");
        else emulator().deleteVariableBehindBack(fixture.container, "GONE");
        const read = await operations.read(fixture.key, id, outs);
        assert.equal(read.id, undefined);
        assert.equal(read.props, undefined);
      });
    });
  }
});

/*
 * Edges of refresh, for every scope: a GET of the item that fails is an error, not a deletion;
 * a selection changed elsewhere is read, and asked for only while the item is selected.
 */

describe("refresh: a failed read is no deletion; a selection is asked for only while selected", () => {
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
});

/*
 * What refresh reads of an item's visibility changed elsewhere, and what it makes of a state
 * without a resource or without a timestamp.
 */

describe("refresh: a visibility changed elsewhere, a state without a timestamp", () => {
  beforeEach(() => configureProvider());

  it("refreshes an organization item's visibility changed behind its back", async () => {
    const { id, outs } = await createVia("dependabot-organization-secret", { org: "octo-org", secretName: "D", value: "v", visibility: "private" });
    emulator().putSecretBehindBack({ app: "dependabot", org: "octo-org" }, "D", undefined, { visibility: "all" });
    const read = await operations.read("dependabot-organization-secret", id, outs);
    assert.equal(read.props?.visibility, "all");
    const diff = await operations.diff("dependabot-organization-secret", id, read.props!, await checkedInputs("dependabot-organization-secret", { org: "octo-org", secretName: "D", value: "v", visibility: "private" }));
    assert.equal(diff.changes, true);
  });

  it("reads nothing without state, and drops a secret's value when the state has no timestamp", async () => {
    assert.deepEqual(await operations.read("actions-repository-secret", "/x", undefined), {});
    const { id, outs } = await createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "S", value: "v" });
    const { updatedAt: _, ...withoutTimestamp } = outs;
    const read = await operations.read("actions-repository-secret", id, withoutTimestamp as ResolvedOutputs);
    assert.equal(read.props?.value, undefined);
    assert.equal(read.props?.updatedAt, outs.updatedAt);
    assert.equal(read.id, id);
  });
});

/*
 * An organization secret's selection changed behind Pulumi's back is read by refresh and
 * restored by the next update.
 */

describe("refresh: an organization selection changed behind Pulumi's back, restored by the next up", () => {
  beforeEach(() => configureProvider());

  const ORG: Container = { app: "actions", org: "octo-org" };
  const base = { org: "octo-org", secretName: "SHARED", value: "v1", visibility: "selected" };

  it("notices a selection changed behind its back, and restores it", async () => {
    const { id, outs } = await createVia("actions-organization-secret", { ...base, selectedRepositories: ["app"] });
    emulator().putSecretBehindBack(ORG, "SHARED", undefined, { visibility: "selected", selectedRepositoryIds: [1001, 1002, 1003] });
    const read = await operations.read("actions-organization-secret", id, outs);
    assert.deepEqual(read.props!.selectedRepositoryIds, [1001, 1002, 1003]);
    await updateVia("actions-organization-secret", id, read.props!, { ...base, selectedRepositories: ["app"] });
    assert.deepEqual(emulator().getSecret(ORG, "SHARED")!.selectedRepositoryIds, [1001]);
  });
});
