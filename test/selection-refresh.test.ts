import assert from "node:assert/strict";
import { provider as operations } from "./support/deployment";
import { createVia } from "./support/lifecycle";
import { configureProvider } from "./support/configure-provider";
import { emulator } from "./support/root-hooks";
import { scopeFixtures } from "./support/scope-fixtures";

/*
 * What refresh records of a repository selection changed elsewhere, for every scope with a
 * selection: the ids in numeric order whatever order GitHub answers in, a change seen even
 * when the old and new ids run together into the same digits, and a user secret's selection
 * read whatever visibility GitHub reports for it.
 */

describe("refresh of a selection changed elsewhere", () => {
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
