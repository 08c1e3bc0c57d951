import assert from "node:assert/strict";
import { PROPERTY_DOCS, type PropertyDoc } from "../../provider/plugin/property-docs";
import { packageSchema, resourceToken } from "../../provider/plugin/schema";
import { scopes } from "../../provider/scopes";

/*
 * The schema every SDK is generated from: one resource per class, the inputs of the scopes the
 * class serves, a description for every property, and secrets marked so that every language
 * keeps them secret.
 */

interface Property {
  description?: string;
  secret?: boolean;
  type?: string;
  $ref?: string;
  items?: { type: string };
}
interface Resource {
  description: string;
  inputProperties: Record<string, Property>;
  requiredInputs: string[];
  properties: Record<string, Property>;
  required: string[];
}

interface Schema {
  name: string;
  displayName: string;
  version: string;
  description: string;
  keywords: string[];
  license: string;
  resources: Record<string, Resource>;
  config: { variables: Record<string, Property> };
  provider: { description: string; inputProperties: Record<string, Property> };
  types: Record<string, { type: string; description: string; properties: Record<string, Property>; required?: string[] }>;
  language: Record<string, Record<string, unknown>>;
}

// Built inside each test, not once at load: a test then covers the code that built what it reads.
const built = () => JSON.parse(packageSchema("1.2.3")) as Schema;
const classes = [...new Set(Object.values(scopes).map((scope) => scope.resourceClass))];

describe("the plugin's schema", () => {
  it("has one resource per class under github-secrets:index, and the package's version", () => {
    const schema = built();
    assert.equal(schema.name, "github-secrets");
    assert.equal(schema.version, "1.2.3");
    assert.deepEqual(Object.keys(schema.resources).sort(), classes.map(resourceToken).sort());
  });

  it("describes every property, input and output, of every resource, type and setting", () => {
    const schema = built();
    for (const [token, resource] of Object.entries(schema.resources)) {
      assert.ok(resource.description.length > 20, token);
      for (const [name, property] of [...Object.entries(resource.inputProperties), ...Object.entries(resource.properties)]) {
        assert.ok((property.description ?? "").length > 10, `${token}.${name}`);
      }
    }
    for (const [name, type] of Object.entries(schema.types)) for (const [key, property] of Object.entries(type.properties)) assert.ok(property.description, `${name}.${key}`);
    for (const [name, variable] of Object.entries(schema.config.variables)) assert.ok(variable.description, name);
  });

  it("marks a secret's value, sealed value and fingerprint secret, and the token; a variable's value is as the program passes it", () => {
    const schema = built();
    for (const resourceClass of classes) {
      const resource = schema.resources[resourceToken(resourceClass)]!;
      const kind = Object.values(scopes).find((scope) => scope.resourceClass === resourceClass)!.kind;
      if (kind === "secret") {
        for (const name of ["value", "valueEncrypted"]) assert.equal(resource.inputProperties[name]?.secret, true, `${resourceClass}.${name}`);
        for (const name of ["value", "valueEncrypted", "valueFingerprint"]) assert.equal(resource.properties[name]?.secret, true, `${resourceClass}.${name} output`);
      } else {
        assert.equal(resource.inputProperties.value?.secret, undefined, resourceClass);
        assert.ok(resource.requiredInputs.includes("value"));
      }
    }
    assert.equal(schema.config.variables.token?.secret, true);
    assert.equal(schema.types["github-secrets:index:AppAuth"]?.properties.pemFile?.secret, true);
  });

  it("is not built while a property has no entry, naming the property", () => {
    // A new scope's property must come with its type and description, or no SDK is generated.
    const docs = PROPERTY_DOCS as Record<string, PropertyDoc | undefined>;
    const onDrift = docs.onDrift;
    docs.onDrift = undefined;
    try {
      assert.throws(() => packageSchema("1.2.3"), /^Error: no schema entry for property onDrift$/);
    } finally {
      docs.onDrift = onDrift;
    }
  });

  it("gives each class the inputs of the scopes it serves, and only those", () => {
    const schema = built();
    const inputs = (resourceClass: (typeof classes)[number]) => Object.keys(schema.resources[resourceToken(resourceClass)]!.inputProperties).sort();
    assert.deepEqual(inputs("RepoVariable"), ["onDrift", "owner", "repository", "value", "variableName"]);
    assert.deepEqual(inputs("EnvironmentVariable"), ["environment", "onDrift", "owner", "repository", "value", "variableName"]);
    assert.deepEqual(inputs("OrgSecret"), ["keyId", "onDrift", "org", "secretName", "selectedRepositories", "value", "valueEncrypted", "valueFrom", "visibility"]);
    assert.deepEqual(inputs("CodespacesSecret"), ["keyId", "onDrift", "org", "owner", "repository", "secretName", "selectedRepositories", "user", "value", "valueEncrypted", "valueFrom", "visibility"]);
    assert.deepEqual(schema.resources[resourceToken("EnvironmentSecret")]!.requiredInputs, ["repository", "environment", "secretName"]);
    assert.deepEqual(schema.resources[resourceToken("CodespacesSecret")]!.requiredInputs, ["secretName"]);
  });

  it("names the package for the registry and the SDK of each language", () => {
    const schema = built();
    assert.ok(schema.displayName.length > 10 && schema.description.length > 40, "described");
    assert.deepEqual([schema.keywords, schema.license], [["github", "secrets", "category/utility"], "Apache-2.0"]);
    assert.deepEqual(schema.language, {
      nodejs: { packageName: "@pulumi-github-secrets/sdk", respectSchemaVersion: true },
      python: { packageName: "pulumi_github_secrets", requires: { pulumi: ">=3.0.0,<4.0.0" }, respectSchemaVersion: true },
      go: { importBasePath: "example.com/pulumi-github-secrets/sdk/go/githubsecrets", generateResourceContainerTypes: false, respectSchemaVersion: true },
    });
  });

  it("configures the provider with the stack's settings, each typed", () => {
    const schema = built();
    assert.ok(schema.provider.description.includes("github-secrets:"), schema.provider.description);
    assert.deepEqual(schema.provider.inputProperties, schema.config.variables);
    const types = Object.fromEntries(Object.entries(schema.config.variables).map(([name, variable]) => [name, variable.type ?? variable.$ref]));
    assert.deepEqual(types, {
      token: "string",
      appAuth: "#/types/github-secrets:index:AppAuth",
      baseUrl: "string",
      owner: "string",
      writeIntervalMs: "integer",
      maxRateLimitWaitSeconds: "integer",
    });
  });

  it("types valueFrom's source and the App's credentials as objects with typed, described fields", () => {
    const schema = built();
    const shape = (token: string) => {
      const type = schema.types[`github-secrets:index:${token}`]!;
      assert.ok(type.description.length > 20, token);
      const fields = Object.entries(type.properties).map(([name, p]) => [name, p.type, p.items?.type, p.secret === true]);
      return { type: type.type, required: type.required, fields };
    };
    assert.deepEqual(shape("ValueSource"), {
      type: "object",
      required: undefined,
      fields: [
        ["env", "string", undefined, false],
        ["file", "string", undefined, false],
        ["command", "array", "string", false],
        ["timeoutSeconds", "integer", undefined, false],
        ["passEnvironment", "array", "string", false],
      ],
    });
    assert.deepEqual(shape("AppAuth"), {
      type: "object",
      required: ["id", "installationId", "pemFile"],
      fields: [
        ["id", "string", undefined, false],
        ["installationId", "string", undefined, false],
        ["pemFile", "string", undefined, true],
      ],
    });
  });

  it("gives each class its outputs: the name and GitHub's timestamps always, the fingerprint and repository ids where they apply", () => {
    const schema = built();
    const outputs = (resourceClass: (typeof classes)[number]) => {
      const resource = schema.resources[resourceToken(resourceClass)]!;
      return { required: resource.required, extra: Object.keys(resource.properties).filter((name) => !(name in resource.inputProperties)).sort() };
    };
    assert.deepEqual(outputs("RepoVariable"), { required: ["variableName", "createdAt", "updatedAt"], extra: ["createdAt", "updatedAt"] });
    assert.deepEqual(outputs("RepoSecret"), { required: ["secretName", "createdAt", "updatedAt"], extra: ["createdAt", "updatedAt", "valueFingerprint"] });
    assert.deepEqual(outputs("OrgVariable"), { required: ["variableName", "createdAt", "updatedAt"], extra: ["createdAt", "selectedRepositoryIds", "updatedAt"] });
    assert.deepEqual(outputs("OrgSecret"), { required: ["secretName", "createdAt", "updatedAt"], extra: ["createdAt", "selectedRepositoryIds", "updatedAt", "valueFingerprint"] });
    // Its repository scope has no selection; its organization and user scopes do.
    assert.deepEqual(outputs("CodespacesSecret").extra, ["createdAt", "selectedRepositoryIds", "updatedAt", "valueFingerprint"]);
  });

  it("describes each class by the scopes it serves, with the link to GitHub's docs for each", () => {
    const schema = built();
    for (const resourceClass of classes) {
      const { description } = schema.resources[resourceToken(resourceClass)]!;
      for (const scope of Object.values(scopes).filter((s) => s.resourceClass === resourceClass)) {
        assert.ok(description.includes(`a ${scope.title} (${scope.docs})`), `${resourceClass}: ${scope.title}`);
      }
      assert.ok(!/\)a /.test(description), `${resourceClass}: scopes set apart`);
    }
  });
});
