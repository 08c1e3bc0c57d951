import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import { createVia } from "../support/lifecycle";
import { configureProvider } from "../support/configure-provider";
import { emulator } from "../support/root-hooks";
import { scopeFixtures } from "../support/scope-fixtures";
import type { Container } from "../../emulator";

/*
 * How a selection's references become GitHub's repository ids, for every scope with a
 * selection: a number and a string of digits are ids as they stand, and a name that merely
 * ends in digits is looked up as a name (in the organization, or the user's own account).
 */

describe("repository ids: a selection's references, ids as they stand and names looked up", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures.filter((f) => "org" in f.inputs || f.key === "codespaces-user-secret")) {
    it(`${fixture.key}: ids as numbers and as digits are taken as they stand; "service2" is a name`, async () => {
      const owner = "org" in fixture.inputs ? "octo-org" : "octocat";
      const service2 = emulator().addRepository(owner, "service2", { id: 7 });
      emulator().clearRequests();
      const { outs } = await createVia(fixture.key, {
        ...fixture.inputs,
        visibility: "org" in fixture.inputs ? "selected" : undefined,
        [fixture.nameProperty]: "SHARED",
        value: "v",
        selectedRepositories: ["service2", 1002, "1003"],
      });
      assert.deepEqual(outs.selectedRepositoryIds, [service2, 1002, 1003]);
      const stored = fixture.kind === "secret" ? emulator().getSecret(fixture.container, "SHARED") : emulator().getVariable(fixture.container, "SHARED");
      assert.deepEqual(stored?.selectedRepositoryIds, [service2, 1002, 1003]);
      const lookups = emulator().requests.filter((r) => r.method === "GET" && r.path.startsWith("/repos/")).map((r) => r.path);
      assert.deepEqual(lookups, [`/repos/${owner}/service2`], "only the name is looked up");
    });
  }
});

/*
 * A repository in `selectedRepositories` given as a string of digits is an id, sent to GitHub
 * as a number: it obeys the rule a numeric id does (a positive integer GitHub's JSON numbers
 * hold exactly), so "0" is refused as 0 is, and a long run of digits is not rounded into
 * another repository's id.
 */

const beyondSafe = "9007199254740993"; // 2^53 + 1: Number() reads it as 2^53
const selecting = scopeFixtures.filter((f) => "org" in f.inputs || f.key === "codespaces-user-secret");

describe("repository ids: an id given as digits in selectedRepositories", () => {
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

/*
 * A reference that holds digits but is not all digits is a name, and is checked as one.
 */

describe("repository ids: a reference with digits is still checked as a name", () => {
  beforeEach(() => configureProvider());

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
  }
});

/*
 * What one deployment looks up to resolve a selection: each repository name once, whatever
 * its case, the user's login once, no lookup for an id; and a failed lookup is not kept.
 */

describe("repository ids: each name looked up once per deployment, a failed lookup asked again", () => {
  beforeEach(() => configureProvider());

  const ORG: Container = { app: "actions", org: "octo-org" };
  const USER: Container = { app: "codespaces", user: true };
  const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
  const orgSecret = (name: string, selectedRepositories: unknown[], extra: object = {}) => ({ org: "octo-org", secretName: name, value: "v", selectedRepositories, ...extra });
  const requests = (method: string, path: string | RegExp) =>
    emulator().requests.filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)));

  it("takes ids and numeric strings as ids, resolves names (any case) once, and sends each id once, sorted", async () => {
    const id = emulator().addRepository("octo-org", "12ab");
    const { outs } = await createVia("actions-organization-secret", orgSecret("A", ["web", "1002", 1001, "App", "12ab"]));
    assert.deepEqual(outs.selectedRepositoryIds, [1001, 1002, 1003, id].sort((a, b) => a - b));
    assert.deepEqual(emulator().getSecret(ORG, "A")?.selectedRepositoryIds, outs.selectedRepositoryIds);
    await createVia("actions-organization-secret", orgSecret("B", ["app", "octo-org/WEB"]));
    assert.deepEqual(
      emulator().requests.filter((r) => r.route === "GET /repos/{owner}/{repo}").map((r) => r.path).sort(),
      ["/repos/octo-org/12ab", "/repos/octo-org/App", "/repos/octo-org/web"],
      "one lookup per repository, whatever its case; none for ids",
    );
  });

  it("resolves the user's own repositories by the login GitHub reports, asked once", async () => {
    await createVia("codespaces-user-secret", { secretName: "A", value: "v", selectedRepositories: ["dotfiles"] });
    await createVia("codespaces-user-secret", { secretName: "B", value: "v", selectedRepositories: ["DOTFILES", "octo-org/app"] });
    assert.deepEqual(emulator().getSecret(USER, "B")?.selectedRepositoryIds, [1001, 2001]);
    assert.equal(requests("GET", "/user").length, 1);
    assert.equal(requests("GET", "/repos/octocat/dotfiles").length, 1);
  });

  it("does not remember a failed lookup of a repository, the user or a public key", async () => {
    emulator().injectFault({ method: "GET", path: "/repos/octo-org/app", status: 403 });
    await assert.rejects(createVia("actions-organization-secret", orgSecret("A", ["app"])), /403/);
    await createVia("actions-organization-secret", orgSecret("A", ["app"]));
    emulator().injectFault({ method: "GET", path: "/user", status: 403 });
    await assert.rejects(createVia("codespaces-user-secret", { secretName: "U", value: "v", selectedRepositories: ["dotfiles"] }), /403/);
    await createVia("codespaces-user-secret", { secretName: "U", value: "v", selectedRepositories: ["dotfiles"] });
    emulator().injectFault({ method: "GET", path: /\/secrets\/public-key$/, status: 403 });
    await assert.rejects(createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "K", value: "v" }), /403/);
    await createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "K", value: "v" });
    assert.equal(emulator().getSecret(REPO, "K")?.value, "v");
  });
});

/*
 * Repository names resolved to ids and kept with the value, for an organization and for the
 * authenticated user's Codespaces; a name that does not resolve is named, and nothing written.
 */

describe("repository ids: names resolved and kept with the value, a missing one named", () => {
  beforeEach(() => configureProvider());

  const ORG: Container = { app: "actions", org: "octo-org" };
  const base = { org: "octo-org", secretName: "SHARED", value: "v1", visibility: "selected" };

  it("resolves repository names to ids and keeps them with the value", async () => {
    const { outs } = await createVia("actions-organization-secret", { ...base, selectedRepositories: ["app", "octo-org/api", 1003] });
    assert.deepEqual(outs.selectedRepositoryIds, [1001, 1002, 1003]);
    const stored = emulator().getSecret(ORG, "SHARED")!;
    assert.equal(stored.visibility, "selected");
    assert.deepEqual(stored.selectedRepositoryIds, [1001, 1002, 1003]);
  });

  it("names the repository it could not find", async () => {
    await assert.rejects(createVia("actions-organization-secret", { ...base, selectedRepositories: ["app", "missing-repo"] }), /selectedRepositories\[1\]: repository "octo-org\/missing-repo" was not found/);
    assert.equal(emulator().getSecret(ORG, "SHARED"), undefined, "nothing written");
  });

  it("manages the authenticated user's Codespaces selection by repository name", async () => {
    const { outs } = await createVia("codespaces-user-secret", { secretName: "DOTFILES", value: "x", selectedRepositories: ["dotfiles"] });
    assert.deepEqual(outs.selectedRepositoryIds, [2001]);
    assert.deepEqual(emulator().getSecret({ app: "codespaces", user: true }, "DOTFILES")?.selectedRepositoryIds, [2001]);
  });
});
