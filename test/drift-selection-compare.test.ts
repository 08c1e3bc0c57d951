import assert from "node:assert/strict";
import { refreshed } from "../provider/lifecycle/drift";
import { startOperation } from "../provider/lifecycle/item-operation";
import { deployment } from "./support/deployment";
import type { ResolvedOutputs } from "../provider/types";
import { configureProvider } from "./support/configure-provider";
import { scopeFixtures } from "./support/scope-fixtures";

/*
 * `onDrift: "fail"` compares the recorded selection with GitHub's as a set of repository ids,
 * for every scope with a selection: the order the lists hold does not matter, no list is
 * the empty selection, and a real difference is named with both lists in numeric order.
 */

describe("drift's comparison of selections", () => {
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
