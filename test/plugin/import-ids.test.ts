import assert from "node:assert/strict";
import { addressOf } from "../../provider/lifecycle/import";
import { scopes } from "../../provider/scopes";
import { scopeFixtures } from "../support/scope-fixtures";

/*
 * `pulumi import` takes the item's API path, which is every resource's id: the path says the
 * scope, so each class finds its scope and the item's identity from it alone.
 */

describe("import ids", () => {
  for (const fixture of scopeFixtures) {
    const scope = scopes[fixture.key];
    it(`reads a ${scope.title}'s id back into its scope and identity`, () => {
      const identity = Object.fromEntries(scope.identity.map((p) => [p, String(fixture.inputs[p])])) as Record<"owner" | "repository" | "environment" | "org", string>;
      const id = `${scope.basePath(identity)}/${scope.kind === "secret" ? "secrets" : "variables"}/Mixed_Case`;
      const address = addressOf(scope.resourceClass, id);
      assert.equal(address.scope.key, fixture.key);
      assert.deepEqual(address.inputs, { ...identity, [scope.nameProperty]: "MIXED_CASE", ...(scope.target === "user" ? { user: true } : {}) });
    });
  }

  it("decodes each path segment once: an environment with a slash", () => {
    assert.equal(addressOf("EnvironmentSecret", "/repos/octo-org/app/environments/staging%2Feu/secrets/X").inputs.environment, "staging/eu");
  });

  it("refuses an id with an empty identity part or name", () => {
    assert.throws(() => addressOf("RepoSecret", "/repos/octo-org//actions/secrets/X"), /is no RepoSecret id/);
    assert.throws(() => addressOf("OrgVariable", "/orgs/octo-org/actions/variables/"), /is no OrgVariable id/);
  });

  it("refuses an id of another class or shape, showing the shapes it takes", () => {
    assert.throws(() => addressOf("RepoVariable", "/repos/octo-org/app/actions/secrets/X"), /is no RepoVariable id: an id is the item's API path, "\/repos\/…\/…\/actions\/variables\/…"/);
    assert.throws(() => addressOf("DependabotSecret", "/repos/octo-org/app/dependabot/secrets/A/B"), /"\/repos\/…\/…\/dependabot\/secrets\/…" or "\/orgs\/…\/dependabot\/secrets\/…"/);
    assert.throws(() => addressOf("OrgSecret", "octo-org/X"), /is no OrgSecret id/);
  });
});
