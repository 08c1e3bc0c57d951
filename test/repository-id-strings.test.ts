import assert from "node:assert/strict";
import { provider as operations } from "./support/deployment";
import { configureProvider } from "./support/configure-provider";
import { emulator } from "./support/root-hooks";
import { scopeFixtures } from "./support/scope-fixtures";

/*
 * A repository in `selectedRepositories` given as a string of digits is an id, sent to GitHub
 * as a number: it obeys the rule a numeric id does (a positive integer GitHub's JSON numbers
 * hold exactly), so "0" is refused as 0 is, and a long run of digits is not rounded into
 * another repository's id.
 */

const beyondSafe = "9007199254740993"; // 2^53 + 1: Number() reads it as 2^53
const selecting = scopeFixtures.filter((f) => "org" in f.inputs || f.key === "codespaces-user-secret");

describe("a repository id given as digits in selectedRepositories", () => {
  beforeEach(() => configureProvider());

  for (const fixture of selecting) {
    const check = (selectedRepositories: unknown[]) =>
      operations.check(fixture.key, {}, { ...fixture.inputs, visibility: undefined, [fixture.nameProperty]: "SELECTED", value: "v", selectedRepositories });

    it(`${fixture.key}: refuses "0", a run of digits beyond 2^53 - 1 and 101 digits; accepts "42"`, async () => {
      for (const digits of ["0", beyondSafe, "1".repeat(101)]) {
        const { failures } = await check(["app", digits]);
        assert.deepEqual(failures, [{ property: "selectedRepositories[1]", reason: `repository id "${digits}" must be a positive integer` }], digits);
      }
      const { inputs, failures } = await check(["42"]);
      assert.deepEqual([failures, inputs!.selectedRepositories], [[], ["42"]]);
      assert.equal(emulator().requests.length, 0, "check never calls GitHub");
    });
  }
});
