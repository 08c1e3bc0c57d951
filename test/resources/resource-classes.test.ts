import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  CodespacesSecret,
  DependabotSecret,
  EnvironmentSecret,
  EnvironmentVariable,
  OrgSecret,
  OrgVariable,
  RepoSecret,
  RepoVariable,
} from "../../provider";
import { registration as registrationOf } from "../../provider/resources/registration";
import type { ResourceClassName } from "../../provider/types";
import type { ScopeKey } from "../../provider/types";
import { recordRegistrations, stopMocks, type MockRegistration } from "../support/mock-registrations";

/*
 * The resource classes, registered with Pulumi's mocks in this process: each picks its scope
 * (the serialized provider carries the scope's key), its type token, the outputs it exposes,
 * and keeps a secret's values secret on the way in (a Pulumi secret) and out
 * (`additionalSecretOutputs`).
 */

/** What the engine's wire format marks a secret with. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
const isWrappedSecret = (v: unknown) => typeof v === "object" && v !== null && SECRET_SIGNATURE in v;
const resolved = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("resource classes: each registers its scope, type token and outputs, and keeps secrets secret (Pulumi mocks, in-process)", function () {
  this.timeout(60_000);
  let registrations = new Map<string, MockRegistration>();

  before(async () => {
    registrations = await recordRegistrations(false);
  });

  after(stopMocks);

  async function registered(resource: pulumi.CustomResource, name: string): Promise<MockRegistration> {
    await resolved(resource.urn);
    return registrations.get(name)!;
  }

  const cases: [string, () => pulumi.CustomResource, ScopeKey, string, "secret" | "variable", string[]][] = [
    ["repo-secret", () => new RepoSecret("repo-secret", { repository: "app", secretName: "A", value: "plain" }), "actions-repository-secret", "RepoSecret", "secret", []],
    ["env-secret", () => new EnvironmentSecret("env-secret", { repository: "app", environment: "e", secretName: "A", valueEncrypted: "c2VhbGVk", keyId: "k" }, { additionalSecretOutputs: ["keyId"] }), "actions-environment-secret", "EnvironmentSecret", "secret", ["keyId"]],
    ["org-secret", () => new OrgSecret("org-secret", { secretName: "A", value: pulumi.secret("wrapped") }), "actions-organization-secret", "OrgSecret", "secret", []],
    ["dependabot-repo", () => new DependabotSecret("dependabot-repo", { repository: "app", secretName: "A", value: "plain" }), "dependabot-repository-secret", "DependabotSecret", "secret", []],
    ["dependabot-org", () => new DependabotSecret("dependabot-org", { secretName: "A", value: "plain" }), "dependabot-organization-secret", "DependabotSecret", "secret", []],
    ["codespaces-repo", () => new CodespacesSecret("codespaces-repo", { repository: "app", secretName: "A", value: "plain" }), "codespaces-repository-secret", "CodespacesSecret", "secret", []],
    ["codespaces-org", () => new CodespacesSecret("codespaces-org", { secretName: "A", value: "plain", user: false }), "codespaces-organization-secret", "CodespacesSecret", "secret", []],
    ["codespaces-user", () => new CodespacesSecret("codespaces-user", { user: true, secretName: "A", value: "plain" }), "codespaces-user-secret", "CodespacesSecret", "secret", []],
    ["repo-variable", () => new RepoVariable("repo-variable", { repository: "app", variableName: "A", value: "plain" }), "actions-repository-variable", "RepoVariable", "variable", []],
    ["env-variable", () => new EnvironmentVariable("env-variable", { repository: "app", environment: "e", variableName: "A", value: pulumi.secret("wrapped") }), "actions-environment-variable", "EnvironmentVariable", "variable", []],
    ["org-variable", () => new OrgVariable("org-variable", { variableName: "A", value: "plain" }, { additionalSecretOutputs: ["value"] }), "actions-organization-variable", "OrgVariable", "variable", ["value"]],
  ];

  for (const [name, construct, scope, type, kind, extraSecretOutputs] of cases) {
    it(`${name}: ${type} registers scope ${scope}, exposes GitHub's outputs, and keeps secrets secret`, async () => {
      const resource = construct() as pulumi.CustomResource & Record<string, unknown>;
      const registration = await registered(resource, name);
      assert.equal(registration.type, `pulumi-nodejs:dynamic/github-secrets:${type}`);
      const provider = String(registration.inputs.__provider);
      assert.ok(provider.includes(`"${scope}"`), `the serialized provider carries ${scope}`);
      for (const other of cases.map((c) => c[2]).filter((s) => s !== scope)) assert.ok(!provider.includes(`"${other}"`), `not ${other}`);
      assert.equal("user" in registration.inputs, false, "`user` only chooses the scope");

      const optional = kind === "secret" ? ["value", "valueEncrypted", "keyId", "valueFrom", "valueFingerprint", "onDrift"] : ["onDrift"];
      for (const output of ["createdAt", "updatedAt", ...optional]) {
        assert.ok(pulumi.Output.isInstance(resource[output]), `${output} is an output`);
      }
      for (const left of optional.filter((o) => !["value", "valueEncrypted", "keyId"].includes(o))) {
        assert.equal(await resolved(resource[left] as pulumi.Output<unknown>), undefined, `${left} was not given: undefined`);
      }
      const selection = scope.includes("organization") || scope === "codespaces-user-secret";
      assert.equal(pulumi.Output.isInstance(resource.selectedRepositories), selection, "selectedRepositories is an output where a selection exists");
      assert.equal(pulumi.Output.isInstance(resource.selectedRepositoryIds), selection, "selectedRepositoryIds is an output where a selection exists");
      assert.equal(pulumi.Output.isInstance(resource.visibility), scope.includes("organization"), "visibility is an output of organization items");

      const given = registration.inputs.value ?? registration.inputs.valueEncrypted;
      if (kind === "secret") {
        assert.ok(isWrappedSecret(given), "a secret's value is a Pulumi secret even when given plain");
        assert.deepEqual(registration.additionalSecretOutputs.slice(0, extraSecretOutputs.length), extraSecretOutputs, "the caller's own secret outputs are kept");
        for (const output of ["value", "valueEncrypted"]) assert.ok(registration.additionalSecretOutputs.includes(output), `${output} is a secret output`);
      } else {
        const wrapped = name === "env-variable";
        assert.equal(isWrappedSecret(given), wrapped, "a variable's value is secret exactly when given as one");
        assert.deepEqual(registration.additionalSecretOutputs, extraSecretOutputs);
      }
    });
  }

  it("an optional output the caller gave carries what was given, not the empty output of one left out", async () => {
    const secret = new RepoSecret("given-secret", { repository: "app", secretName: "A", valueFrom: { env: "TOKEN" }, onDrift: "ignore" });
    const variable = new RepoVariable("given-variable", { repository: "app", variableName: "A", value: "v", onDrift: "ignore" });
    await registered(secret, "given-secret");
    await registered(variable, "given-variable");
    assert.deepEqual(await resolved(secret.valueFrom), { env: "TOKEN" });
    assert.equal(await resolved(secret.onDrift), "ignore");
    assert.equal(await resolved(variable.onDrift), "ignore");
    assert.equal(await resolved(secret.value), undefined, "left out: undefined");
  });

  // Each key of a resource's props costs the SDK an Output, a promise and a stack trace per
  // resource on every preview and up: the props carry what was given and what GitHub computes.
  it("props hold the given inputs and the computed outputs, no placeholder for an input left out", () => {
    const propsOf = (resourceClass: ResourceClassName, args: object) => Object.keys(registrationOf(resourceClass, "x", args, undefined)[2]).sort();
    assert.deepEqual(propsOf("RepoSecret", { repository: "app", secretName: "A", value: "v" }), ["createdAt", "repository", "secretName", "updatedAt", "value"]);
    assert.deepEqual(propsOf("RepoVariable", { repository: "app", variableName: "A", value: "v" }), ["createdAt", "repository", "updatedAt", "value", "variableName"]);
    // A selection adds the ids of its repositories, and what the provider computes when it is left out.
    assert.deepEqual(propsOf("CodespacesSecret", { user: true, secretName: "A", value: "v" }), ["createdAt", "secretName", "selectedRepositories", "selectedRepositoryIds", "updatedAt", "value"]);
    assert.deepEqual(propsOf("OrgVariable", { variableName: "A", value: "v" }), ["createdAt", "selectedRepositories", "selectedRepositoryIds", "updatedAt", "value", "variableName", "visibility"]);
  });
});
