import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import { MAX_VALUE_BYTES, SECRET_BEARING_PROPERTIES, UNKNOWN } from "../../provider/lifecycle/input-rules";
import { configureProvider } from "../support/configure-provider";
import { emulator } from "../support/root-hooks";
import { presealedInputs, scopeFixtures, sealedFor, type ScopeFixture } from "../support/scope-fixtures";
import { checkedInputs, createVia } from "../support/lifecycle";

/*
 * check's rules, each at its boundary, for every scope it applies to: what is rejected (the
 * property and the rule in the reason), what is accepted, and what check fills in.
 */

type Applies = (f: ScopeFixture) => boolean;
const all: Applies = () => true;
const secrets: Applies = (f) => f.kind === "secret";
const variables: Applies = (f) => f.kind === "variable";
const withOwner: Applies = (f) => "owner" in f.inputs;
const withRepository: Applies = (f) => "repository" in f.inputs;
const withEnvironment: Applies = (f) => "environment" in f.inputs;
const organization: Applies = (f) => "org" in f.inputs;
const user: Applies = (f) => f.key === "codespaces-user-secret";
const noSelection: Applies = (f) => !organization(f) && !user(f);

/** A box of `n` bytes in standard base64 (check looks at the format and the size only). */
const box = (n: number) => Buffer.alloc(n, 7).toString("base64");

/** [applies to, inputs over a valid resource, property, reason] */
const rejected: [Applies, Record<string, unknown>, string, RegExp][] = [
  [withOwner, { owner: "" }, "owner", /^`owner` is required; set it on the resource, or configure a default with `pulumi config set github:owner NAME` or GITHUB_OWNER$/],
  [organization, { org: undefined }, "org", /^`org` is required; set it on the resource, or configure a default with `pulumi config set github:owner NAME` or GITHUB_OWNER$/],
  [withRepository, { repository: "" }, "repository", /^`repository` is required$/],
  [withEnvironment, { environment: null }, "environment", /^`environment` is required$/],
  [withOwner, { owner: 42 }, "owner", /^`owner` must be a string, got number$/],
  [withRepository, { repository: true }, "repository", /^`repository` must be a string, got boolean$/],
  ...["-octo", "octo-", "oc--to", "oc.to", "oc to", "a".repeat(40), "ä"].map(
    (owner): [Applies, Record<string, unknown>, string, RegExp] => [withOwner, { owner }, "owner", new RegExp(`^\`owner\` "${owner}" is not a valid GitHub account name: 1-39 letters, digits or single hyphens, not starting or ending with a hyphen$`)],
  ),
  [organization, { org: "-octo" }, "org", /^`org` "-octo" is not a valid GitHub account name/],
  [withRepository, { repository: "octo-org/app" }, "repository", /^`repository` "octo-org\/app" must be the repository's name only; put the account in `owner`$/],
  ...[".", "..", "a b", "a".repeat(101), "ä", "a!"].map(
    (repository): [Applies, Record<string, unknown>, string, RegExp] => [withRepository, { repository }, "repository", /^`repository` ".*" is not a valid repository name: 1-100 letters, digits, `\.`, `-` or `_`$/],
  ),
  ...[" staging", "staging ", "a\u0001b", "a\u001fb", "a\u007fb", "e".repeat(256)].map(
    (environment): [Applies, Record<string, unknown>, string, RegExp] => [withEnvironment, { environment }, "environment", /^`environment` must be 1-255 characters without leading or trailing spaces or control characters$/],
  ),
  [(f) => !organization(f), { org: "octo-org" }, "org", /has no `org`; it is identified by (`owner`, `repository`|the authenticated user)/],
  [(f) => !withRepository(f), { repository: "app" }, "repository", /has no `repository`; it is identified by (`org`|the authenticated user)$/],
  [(f) => !withEnvironment(f), { environment: "production" }, "environment", /has no `environment`; it is identified by/],
  [user, { owner: "octo-org" }, "owner", /^a user Codespaces secret has no `owner`; it is identified by the authenticated user$/],
  [(f) => f.key === "actions-repository-variable", { org: "octo-org" }, "org", /^a repository Actions variable has no `org`; it is identified by `owner`, `repository`$/],
  [(f) => f.key === "actions-environment-secret", { org: "octo-org" }, "org", /^an? environment Actions secret has no `org`; it is identified by `owner`, `repository`, `environment`$/],
  [(f) => f.key === "dependabot-organization-secret", { owner: "octo-org" }, "owner", /^a organization Dependabot secret has no `owner`; it is identified by `org`$/],

  [all, { NAME: "" }, "NAME", /^`NAME` is required$/],
  [all, { NAME: undefined }, "NAME", /^`NAME` is required$/],
  [all, { NAME: 7 }, "NAME", /^`NAME` must be a string, got number$/],
  [all, { NAME: "1ABC" }, "NAME", /^(secret|variable) name "1ABC" must not start with a digit$/],
  ...["A-B", "A B", "ÄB", "A.", "AB!"].map(
    (name): [Applies, Record<string, unknown>, string, RegExp] => [all, { NAME: name }, "NAME", /^(secret|variable) name ".*" may contain only letters, digits and underscores \(\[A-Za-z0-9_\]\)$/],
  ),
  [all, { NAME: "GITHUB_TOKEN" }, "NAME", /^(secret|variable) name "GITHUB_TOKEN" must not start with the reserved prefix GITHUB_$/],
  [all, { NAME: "github_x" }, "NAME", /reserved prefix GITHUB_$/],

  [variables, { value: undefined }, "value", /^`value` is required$/],
  [variables, { value: null }, "value", /^`value` is required$/],
  [variables, { value: 42 }, "value", /^`value` must be a string, got number$/],
  [variables, { valueEncrypted: box(60) }, "valueEncrypted", /^variables are not encrypted; `valueEncrypted` does not apply$/],
  [variables, { keyId: "k" }, "keyId", /^variables are not encrypted; `keyId` does not apply$/],
  [secrets, { value: undefined }, "value", /^exactly one of `value` \(plaintext, sealed by this provider\), `valueEncrypted` \(sealed elsewhere, with `keyId`\) or `valueFrom` \(read by the provider, never stored\) must be set$/],
  [secrets, { valueEncrypted: box(60), keyId: "k" }, "valueEncrypted", /^exactly one of `value`/],
  [secrets, { value: undefined, valueEncrypted: box(60) }, "keyId", /^`keyId` is required with `valueEncrypted`: the id of the public key the value was sealed with$/],
  [secrets, { value: undefined, valueEncrypted: box(60), keyId: 3 }, "keyId", /^`keyId` must be a string$/],
  [secrets, { keyId: "k" }, "keyId", /^`keyId` goes with `valueEncrypted` only; a plaintext `value` is sealed with GitHub's current key$/],
  ...["AAAAAA", "AAAAA===", "AA-_AAAA", "AAAA\nAAAA", "!AAAAAAA", "AAAAAAA!", 17].map(
    (valueEncrypted): [Applies, Record<string, unknown>, string, RegExp] => [secrets, { value: undefined, valueEncrypted, keyId: "k" }, "valueEncrypted", /^`valueEncrypted` must be standard base64 \(not URL-safe\) of a libsodium sealed box$/],
  ),
  [secrets, { value: undefined, valueEncrypted: box(47), keyId: "k" }, "valueEncrypted", /^`valueEncrypted` is 47 bytes; a sealed box is at least 48 bytes$/],
  [secrets, { value: undefined, valueEncrypted: box(48 + 49153), keyId: "k" }, "valueEncrypted", /^`valueEncrypted` holds 49153 bytes; GitHub allows at most 49152 bytes \(48 KB\)$/],

  [(f) => noSelection(f) && !withEnvironment(f), { visibility: "all" }, "visibility", /^a repository (Actions|Dependabot|Codespaces) (secret|variable) has no `visibility`: it belongs to one repository$/],
  [withEnvironment, { selectedRepositories: ["app"] }, "selectedRepositories", /^an? environment Actions (secret|variable) has no `selectedRepositories`: it belongs to one environment$/],
  [user, { visibility: "all" }, "visibility", /^a user Codespaces secret has no `visibility`: list the repositories that may use it in `selectedRepositories`$/],
  [organization, { visibility: "public" }, "visibility", /^`visibility` must be one of "all", "private", "selected", got "public"$/],
  [organization, { visibility: "all", selectedRepositories: ["app"] }, "selectedRepositories", /^`selectedRepositories` applies only with `visibility: "selected"` \(visibility is "all"\)$/],
  [organization, { visibility: "private", selectedRepositories: [] }, "selectedRepositories", /\(visibility is "private"\)$/],
  [(f) => organization(f) || user(f), { visibility: undefined, selectedRepositories: "app" }, "selectedRepositories", /^`selectedRepositories` must be a list of repository names or numeric ids$/],
  ...[0, -1, 1.5, 2 ** 53].map(
    (id): [Applies, Record<string, unknown>, string, RegExp] => [(f) => organization(f) || user(f), { visibility: undefined, selectedRepositories: [id] }, "selectedRepositories[0]", new RegExp(`^repository id ${id} must be a positive integer$`)],
  ),
  ...["", true, null].map(
    (ref): [Applies, Record<string, unknown>, string, RegExp] => [(f) => organization(f) || user(f), { visibility: undefined, selectedRepositories: ["app", ref] }, "selectedRepositories[1]", /^each repository must be a name \(`repo` or `owner\/repo`\) or a numeric id$/],
  ),
  [(f) => organization(f) || user(f), { visibility: undefined, selectedRepositories: ["a/b/c"] }, "selectedRepositories[0]", /^repository "a\/b\/c" must be `repo` or `owner\/repo`$/],
  [(f) => organization(f) || user(f), { visibility: undefined, selectedRepositories: ["-bad/app"] }, "selectedRepositories[0]", /^repository "-bad\/app" has an invalid account name "-bad"$/],
  [(f) => organization(f) || user(f), { visibility: undefined, selectedRepositories: ["octo-org/a b"] }, "selectedRepositories[0]", /^repository "octo-org\/a b" has an invalid repository name "a b"$/],
  [(f) => organization(f) || user(f), { visibility: undefined, selectedRepositories: [".."] }, "selectedRepositories[0]", /^repository "\.\." has an invalid repository name "\.\."$/],
  [(f) => organization(f) || user(f), { visibility: undefined, selectedRepositories: ["App", "api", "app"] }, "selectedRepositories[2]", /^repository "app" is listed twice$/],
  [(f) => organization(f) || user(f), { visibility: undefined, selectedRepositories: [1001, "1001"] }, "selectedRepositories[1]", /^repository "1001" is listed twice$/],
];

/** [applies to, inputs over a valid resource, inputs check returns (a subset)] */
const accepted: [Applies, Record<string, unknown>, Record<string, unknown>][] = [
  [all, {}, {}],
  [all, { NAME: "lower_case9" }, { NAME: "LOWER_CASE9" }],
  [all, { NAME: "_X" }, { NAME: "_X" }],
  [all, { NAME: "MY_GITHUB_TOKEN" }, { NAME: "MY_GITHUB_TOKEN" }],
  [all, { NAME: "GITHUBX" }, { NAME: "GITHUBX" }],
  [all, { NAME: UNKNOWN }, { NAME: UNKNOWN }],
  ...["o", "octo-org", "a-b-c", "emu_user", "a".repeat(39), "O1"].map((owner): [Applies, Record<string, unknown>, Record<string, unknown>] => [withOwner, { owner }, { owner }]),
  [withOwner, { owner: UNKNOWN }, { owner: UNKNOWN }],
  [organization, { org: "a".repeat(39) }, { org: "a".repeat(39) }],
  ...["a", "my.repo-name_1", ".github", "a".repeat(100), "..."].map((repository): [Applies, Record<string, unknown>, Record<string, unknown>] => [withRepository, { repository }, { repository }]),
  ...["production", "préprod ü", "a b", "e".repeat(255)].map((environment): [Applies, Record<string, unknown>, Record<string, unknown>] => [withEnvironment, { environment }, { environment }]),
  [all, { value: "x".repeat(49152) }, {}],
  [all, { value: "" }, { value: "" }],
  [all, { value: UNKNOWN }, { value: UNKNOWN }],
  ...[48, 49, 50, 48 + 49152].map((n): [Applies, Record<string, unknown>, Record<string, unknown>] => [secrets, { value: undefined, valueEncrypted: box(n), keyId: "k" }, {}]),
  [secrets, { value: undefined, valueEncrypted: UNKNOWN, keyId: UNKNOWN }, { valueEncrypted: UNKNOWN, keyId: UNKNOWN }],
  [organization, { visibility: undefined }, { visibility: "private" }],
  [organization, { visibility: undefined, selectedRepositories: ["app"] }, { visibility: "selected" }],
  [organization, { visibility: "all" }, { visibility: "all" }],
  [organization, { visibility: UNKNOWN, selectedRepositories: ["app"] }, { visibility: UNKNOWN }],
  [organization, { visibility: "selected", selectedRepositories: UNKNOWN }, {}],
  [user, { selectedRepositories: ["dotfiles", "octo-org/app", 2001, "3"] }, { visibility: undefined }],
  [user, {}, { visibility: undefined }],
  [(f) => organization(f) || user(f), { visibility: undefined, selectedRepositories: [UNKNOWN, UNKNOWN, "app"] }, {}],
];

function resource(fixture: ScopeFixture, overrides: Record<string, unknown>): Record<string, unknown> {
  const { NAME, ...rest } = overrides;
  const base = { ...fixture.inputs, [fixture.nameProperty]: "VALID_NAME", value: "v" };
  return { ...base, ...("NAME" in overrides ? { [fixture.nameProperty]: NAME } : {}), ...rest };
}

describe("check: each rule at its boundary, for every scope", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: rejects each broken rule, naming the property and the rule`, async () => {
      for (const [applies, overrides, rawProperty, reason] of rejected) {
        if (!applies(fixture)) continue;
        const property = rawProperty === "NAME" ? fixture.nameProperty : rawProperty;
        const { failures } = await operations.check(fixture.key, {}, resource(fixture, overrides));
        const failure = (failures ?? []).find(
          (f) => f.property === property || (f.property === "" && f.reason.includes(`\`${property}\``)),
        );
        const what = `${JSON.stringify(overrides).slice(0, 90)}`;
        assert.ok(failure, `${what}: expected a failure about ${property}, got ${JSON.stringify(failures)}`);
        assert.match(failure.reason.replace(/secretName|variableName/, "NAME"), reason, what);
      }
      assert.equal(emulator().requests.length, 0, "check never calls GitHub");
    });

    it(`${fixture.key}: accepts what the rules allow, and normalises`, async () => {
      for (const [applies, overrides, expected] of accepted) {
        if (!applies(fixture)) continue;
        const { inputs, failures } = await operations.check(fixture.key, {}, resource(fixture, overrides));
        const what = JSON.stringify(overrides).slice(0, 90);
        assert.deepEqual(failures, [], what);
        for (const [key, value] of Object.entries(expected)) {
          assert.deepEqual(inputs![key === "NAME" ? fixture.nameProperty : key], value, `${what}: ${key}`);
        }
      }
    });
  }

  it("fills in owner and org from github:owner, and only where they are missing", async () => {
    await configureProvider({ "github:owner": "default-org" });
    for (const fixture of scopeFixtures.filter((f) => withOwner(f) || organization(f))) {
      const property = withOwner(fixture) ? "owner" : "org";
      for (const missing of [undefined, null, ""]) {
        const { inputs, failures } = await operations.check(fixture.key, {}, resource(fixture, { [property]: missing }));
        assert.deepEqual([failures, inputs![property]], [[], "default-org"], `${fixture.key} ${property}=${missing}`);
      }
      const given = await operations.check(fixture.key, {}, resource(fixture, {}));
      assert.equal(given.inputs![property], "octo-org");
    }
    const { failures } = await operations.check("actions-repository-secret", {}, { owner: "o", secretName: "X", value: "v" });
    assert.match(failures![0]!.reason, /^`repository` is required$/, "github:owner is no default repository");
  });
});

/*
 * Bad input of each kind, for every scope, refused before any request: the failure names the
 * property, or for a secret-bearing one names none and says which in its reason.
 */

describe("check: bad input refused before any request, for every scope", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (name: string, value: string) => ({ ...fixture.inputs, [fixture.nameProperty]: name, value });

      it("rejects bad input before any request, naming the property and the rule", async () => {
        const cases: [Record<string, unknown>, string, RegExp][] = [
          [props("1ABC", "v"), fixture.nameProperty, /must not start with a digit/],
          [props("GITHUB_TOKEN", "v"), fixture.nameProperty, /reserved prefix GITHUB_/],
          [props("has-dash", "v"), fixture.nameProperty, /letters, digits and underscores/],
          [props("BIG", "x".repeat(MAX_VALUE_BYTES + 1)), "value", /at most 49152 bytes/],
        ];
        if (fixture.inputs.repository) cases.push([{ ...props("A", "v"), repository: "octo-org/app" }, "repository", /name only/]);
        if (fixture.inputs.org) cases.push([{ ...props("A", "v"), visibility: "public" }, "visibility", /one of "all", "private", "selected"/]);
        if (fixture.kind === "secret") {
          cases.push([{ ...props("A", "v"), valueEncrypted: "AAAA" }, "valueEncrypted", /exactly one of/]);
          cases.push([{ ...fixture.inputs, secretName: "A", valueEncrypted: "not base64!", keyId: "k" }, "valueEncrypted", /base64/]);
          cases.push([{ ...fixture.inputs, secretName: "A", valueEncrypted: Buffer.alloc(60).toString("base64") }, "keyId", /required with `valueEncrypted`/]);
        }
        for (const [news, property, reason] of cases) {
          const { failures } = await operations.check(fixture.key, {}, news);
          const failure = failures!.find((f) => reason.test(f.reason));
          assert.ok(failure, `expected a failure on ${property} for ${JSON.stringify(news).slice(0, 80)}; got ${JSON.stringify(failures)}`);
          if (SECRET_BEARING_PROPERTIES.has(property)) {
            // The engine would print the input of a named property: the reason names it instead.
            assert.equal(failure.property, "", `a failure about \`${property}\` must name no property`);
            assert.ok(failure.reason.includes(`\`${property}\``), `the reason must name \`${property}\`: ${failure.reason}`);
          } else {
            assert.equal(failure.property, property);
          }
        }
        assert.equal(emulator().requests.length, 0, "check never calls GitHub");
      });
    });
  }
});

/*
 * The 48 KB boundary for `value` (in bytes, not characters) and for `valueEncrypted`, and the
 * rules for `keyId`, each with a value written at the limit (a planted defect once broke these
 * unseen below the end-to-end suite).
 */

describe("check: the 48 KB limit of a value and a sealed value, and keyId", () => {
  beforeEach(() => configureProvider());

  const stored = (fixture: ScopeFixture, name: string) =>
    fixture.kind === "secret" ? emulator().getSecret(fixture.container, name) : emulator().getVariable(fixture.container, name);

  /** The failure about `property`: named by it, or (secret-bearing inputs) naming none, with the property in the reason. */
  function failureAbout(failures: readonly { property: string; reason: string }[] | undefined, property: string) {
    return (failures ?? []).find((f) => f.property === property || (f.property === "" && f.reason.includes(`\`${property}\``)));
  }

  const secretScopes = scopeFixtures.filter((f) => f.kind === "secret");

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const props = (value: string, extra: object = {}) => ({ ...fixture.inputs, [fixture.nameProperty]: "PROMISE", value, ...extra });

      it("accepts a value of exactly 48 KB, stores it exactly, and rejects one byte more (bytes, not characters)", async () => {
        const exact = "é".repeat(MAX_VALUE_BYTES / 2 - 1) + "ab";
        assert.equal(Buffer.byteLength(exact), MAX_VALUE_BYTES);
        await createVia(fixture.key, props(exact));
        assert.equal(stored(fixture, "PROMISE")?.value, exact);
        for (const over of ["x".repeat(MAX_VALUE_BYTES + 1), "é".repeat(MAX_VALUE_BYTES / 2) + "a"]) {
          const { failures } = await operations.check(fixture.key, {}, props(over));
          assert.match(failureAbout(failures, "value")?.reason ?? "", /`value` is 49153 bytes; GitHub allows at most 49152 bytes \(48 KB\)/);
        }
        const { failures } = await operations.check(fixture.key, {}, props(42 as never));
        assert.match(failureAbout(failures, "value")?.reason ?? "", /`value` must be a string, got number/);
      });
    });
  }

  for (const fixture of secretScopes) {
    describe(`${fixture.key}: valueEncrypted`, () => {
      const sealed = (plaintext: string | Buffer) => sealedFor(fixture, plaintext);
      const props = (valueEncrypted: string, keyId?: string) => presealedInputs(fixture, valueEncrypted, keyId);

      it("accepts a sealed value of exactly 48 KB and of nothing, and rejects one byte more or a box too short", async () => {
        const exact = "x".repeat(MAX_VALUE_BYTES);
        await createVia(fixture.key, props(sealed(exact)));
        assert.equal(stored(fixture, "PRESEALED")?.value, exact);
        assert.deepEqual((await operations.check(fixture.key, {}, props(sealed("")))).failures, []);

        const over = await operations.check(fixture.key, {}, props(sealed("x".repeat(MAX_VALUE_BYTES + 1))));
        assert.match(failureAbout(over.failures, "valueEncrypted")?.reason ?? "", /holds 49153 bytes; GitHub allows at most 49152/);
        const short = await operations.check(fixture.key, {}, props(Buffer.alloc(47).toString("base64")));
        assert.match(failureAbout(short.failures, "valueEncrypted")?.reason ?? "", /is 47 bytes; a sealed box is at least 48 bytes/);
        const urlSafe = await operations.check(fixture.key, {}, props("ab-_".repeat(20)));
        assert.match(failureAbout(urlSafe.failures, "valueEncrypted")?.reason ?? "", /standard base64 \(not URL-safe\)/);
      });

      it("rejects a keyId that is missing, not a string, or given with a plaintext value", async () => {
        const missing = await operations.check(fixture.key, {}, { ...props(sealed("v")), keyId: "" });
        assert.match(failureAbout(missing.failures, "keyId")?.reason ?? "", /`keyId` is required with `valueEncrypted`/);
        const number = await operations.check(fixture.key, {}, { ...props(sealed("v")), keyId: 7 });
        assert.match(failureAbout(number.failures, "keyId")?.reason ?? "", /`keyId` must be a string/);
        const withPlain = await operations.check(fixture.key, {}, { ...fixture.inputs, secretName: "P", value: "v", keyId: "k" });
        assert.match(failureAbout(withPlain.failures, "keyId")?.reason ?? "", /`keyId` goes with `valueEncrypted` only/);
        const neither = await operations.check(fixture.key, {}, { ...fixture.inputs, secretName: "P" });
        assert.match(failureAbout(neither.failures, "value")?.reason ?? "", /exactly one of `value`.*`valueEncrypted`/);
      });
    });
  }
});

/*
 * A name failure names the scope's own name property (`secretName` or `variableName`), and
 * only a leading digit is called a leading digit.
 */

describe("check: a name failure names the scope's own name property", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: a name failure names the scope's own name property, and only a leading digit is called one`, async () => {
      const failure = async (name: unknown) =>
        (await operations.check(fixture.key, {}, { ...fixture.inputs, [fixture.nameProperty]: name, value: "v" })).failures?.[0]?.reason;
      assert.equal(await failure(""), `\`${fixture.nameProperty}\` is required`);
      assert.equal(await failure(7), `\`${fixture.nameProperty}\` must be a string, got number`);
      assert.equal(await failure("A-1"), `${fixture.kind} name "A-1" may contain only letters, digits and underscores ([A-Za-z0-9_])`);
    });
  }
});

/*
 * A scope the provider does not know is named in check's error.
 */

describe("check: an unknown scope", () => {
  beforeEach(() => configureProvider());

  it("asks for an unknown scope by name", async () => {
    await assert.rejects(operations.check("nope" as never, {}, {}), /Unknown scope "nope"/);
  });
});

/*
 * What check fills in and what it lets through: the visibility an organization item defaults
 * to, github:owner for a missing owner, values not known until deployment in a preview; and a
 * missing owner named with how to configure one.
 */

describe("check: defaults, unknowns in a preview, and a missing owner", () => {
  beforeEach(() => configureProvider());

  const base = { org: "octo-org", secretName: "SHARED", value: "v1", visibility: "selected" };

  it("defaults the visibility to private, and rejects a selection without `selected`", async () => {
    const inputs = await checkedInputs("actions-organization-variable", { org: "octo-org", variableName: "V", value: "x" });
    assert.equal(inputs.visibility, "private");
    const { failures } = await operations.check("actions-organization-secret", {}, { ...base, visibility: "all", selectedRepositories: ["app"] });
    assert.equal(failures![0]!.property, "selectedRepositories");
  });

  it("takes the owner from github:owner when the resource has none", async () => {
    await configureProvider({ "github:owner": "octo-org" });
    const inputs = await checkedInputs("actions-repository-secret", { repository: "app", secretName: "X", value: "v" });
    assert.equal(inputs.owner, "octo-org");
  });

  it("lets values not known until deployment pass a preview's check, and checks the known ones", async () => {
    const { failures } = await operations.check("actions-organization-secret", {}, {
      org: UNKNOWN,
      secretName: "fine",
      value: UNKNOWN,
      visibility: UNKNOWN,
      selectedRepositories: [UNKNOWN, "bad/repo/name"],
    });
    assert.deepEqual(failures!.map((f) => f.property), ["selectedRepositories[1]"]);
  });

  it("names the missing owner and how to configure one", async () => {
    const { failures } = await operations.check("actions-repository-secret", {}, { repository: "app", secretName: "X", value: "v" });
    assert.match(failures![0]!.reason, /`owner` is required.*github:owner.*GITHUB_OWNER/);
  });
});
