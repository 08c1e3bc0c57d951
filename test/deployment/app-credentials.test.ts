import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { appSettingsFromEnvironment, appSettingsFromStack, type AppSettings } from "../../provider/deployment/app-credentials";

/*
 * The rules for a GitHub App's settings, as github:appAuth (an object, its JSON text, or
 * Pulumi's secret wrapper around either or around one field) and as GITHUB_APP_*: which
 * settings are missing, what an installation id and a private key must be; each problem
 * names the setting and never quotes the key.
 */

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const SECRET = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SECRET]: "1b47061264138c4ac30d75fd1eb44270", value });

const problemOf = (settings: AppSettings | undefined) => (settings && "problem" in settings ? settings.problem : undefined);
const credentialsOf = (settings: AppSettings | undefined) => {
  assert.ok(settings && "credentials" in settings, `no credentials: ${problemOf(settings)}`);
  return settings.credentials;
};

describe("GitHub App settings: what github:appAuth and GITHUB_APP_* must hold", () => {
  it("no github:appAuth: none of undefined, null or an empty text", () => {
    for (const raw of [undefined, null, ""]) assert.equal(appSettingsFromStack(raw), undefined);
  });

  it("takes an object, its JSON text, or either behind Pulumi's secret marker; trims the fields", () => {
    const fields = { id: 4242, installationId: " 77 ", pemFile: `\n${pem}\n` };
    for (const raw of [fields, JSON.stringify(fields), secret(fields), secret(JSON.stringify(fields)), { ...fields, pemFile: secret(pem) }]) {
      assert.deepEqual(credentialsOf(appSettingsFromStack(raw)), { appId: "4242", installationId: 77, privateKey: pem.trim(), source: "github:appAuth" });
    }
  });

  it("text that is no JSON: how to set the object", () => {
    assert.equal(problemOf(appSettingsFromStack("{id: 1")), "github:appAuth must be an object with id, installationId and pemFile (set it with `pulumi config set --path github:appAuth.id …`)");
  });

  it("JSON that is no object", () => {
    for (const raw of ["[1]", "3", "null", '"x"', [1]]) {
      assert.equal(problemOf(appSettingsFromStack(raw)), "github:appAuth must be an object with id, installationId and pemFile", JSON.stringify(raw));
    }
  });

  it("names every missing setting; blank, and not text or a number, count as missing", () => {
    assert.equal(problemOf(appSettingsFromStack({ id: "1" })), "GitHub App authentication needs github:appAuth.installationId and github:appAuth.pemFile as well");
    assert.equal(problemOf(appSettingsFromStack({ id: "  ", installationId: 77, pemFile: pem })), "GitHub App authentication needs github:appAuth.id as well");
    assert.equal(problemOf(appSettingsFromStack({ id: true, installationId: 77, pemFile: { pem } })), "GitHub App authentication needs github:appAuth.id and github:appAuth.pemFile as well");
  });

  it("an installation id is a positive whole number", () => {
    for (const id of ["0", "077", "7a", "-7", "1.5", "https://github.com/settings/installations/77"]) {
      assert.equal(
        problemOf(appSettingsFromStack({ id: "1", installationId: id, pemFile: pem })),
        "github:appAuth.installationId must be the installation's numeric id (the number at the end of the installation's settings URL)",
        id,
      );
    }
    assert.equal(credentialsOf(appSettingsFromStack({ id: "1", installationId: "10", pemFile: pem })).installationId, 10);
  });

  it("a private key is PEM text; a path or a damaged key is refused without being quoted", () => {
    const damaged = pem.replace(/\n[A-Za-z0-9+/]{10}/, "\n");
    for (const pemFile of ["/home/me/app.pem", damaged]) {
      const problem = problemOf(appSettingsFromStack({ id: "1", installationId: "77", pemFile }));
      assert.equal(problem, `github:appAuth.pemFile must hold the App's private key as PEM text ("-----BEGIN RSA PRIVATE KEY-----" …), not a path; it could not be read as one`);
    }
  });

  it("GITHUB_APP_*: none set is no App; one set needs the others, named; empty counts as unset", () => {
    assert.equal(appSettingsFromEnvironment({}), undefined);
    assert.equal(appSettingsFromEnvironment({ GITHUB_APP_ID: "", GITHUB_APP_INSTALLATION_ID: "", GITHUB_APP_PEM_FILE: "" }), undefined);
    assert.equal(problemOf(appSettingsFromEnvironment({ GITHUB_APP_ID: "1", GITHUB_APP_PEM_FILE: "" })), "GitHub App authentication needs GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PEM_FILE as well");
    assert.equal(problemOf(appSettingsFromEnvironment({ GITHUB_APP_PEM_FILE: pem })), "GitHub App authentication needs GITHUB_APP_ID and GITHUB_APP_INSTALLATION_ID as well");
    assert.equal(problemOf(appSettingsFromEnvironment({ GITHUB_APP_ID: "1", GITHUB_APP_INSTALLATION_ID: "x", GITHUB_APP_PEM_FILE: pem })), "GITHUB_APP_INSTALLATION_ID must be the installation's numeric id (the number at the end of the installation's settings URL)");
  });

  it("GITHUB_APP_PEM_FILE may carry its line breaks as \\n escapes", () => {
    const escaped = pem.replace(/\n/g, "\\n");
    assert.deepEqual(credentialsOf(appSettingsFromEnvironment({ GITHUB_APP_ID: " 9 ", GITHUB_APP_INSTALLATION_ID: "77", GITHUB_APP_PEM_FILE: escaped })), {
      appId: "9",
      installationId: 77,
      privateKey: pem.trim(),
      source: "GITHUB_APP_*",
    });
  });
});

/*
 * Only Pulumi's secret marker unwraps a field of github:appAuth: a null field is missing (not a
 * crash), and an object that merely has a `value` is not a secret, so not a setting either.
 */

describe("GitHub App settings: what counts as a secret wrapper around a github:appAuth field", () => {
  const problemOfStack = (raw: unknown) => problemOf(appSettingsFromStack(raw));

  it("a null field is missing", () => {
    assert.equal(problemOfStack({ id: null, installationId: "77", pemFile: pem }), "GitHub App authentication needs github:appAuth.id as well");
  });

  it("an object with a value but without Pulumi's marker is no setting", () => {
    assert.equal(problemOfStack({ id: { value: "4242" }, installationId: { value: "77" }, pemFile: pem }), "GitHub App authentication needs github:appAuth.id and github:appAuth.installationId as well");
  });
});
