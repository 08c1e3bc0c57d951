import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { GitHubSecretsError } from "../provider/errors";
import { startOperation } from "../provider/lifecycle/item-operation";
import { deployment } from "./support/deployment";
import type { ResolvedInputs } from "../provider/types";
import { configureProvider } from "./support/configure-provider";
import { emulator } from "./support/root-hooks";

/*
 * A GitHub App's private key never reaches a failure's message: neither the whole PEM nor
 * one of its base64 lines, should a library quote part of it. No emulator path echoes a key,
 * so the messages here go straight through an operation's `fail`. What is not redacted: the
 * BEGIN/END lines (they are the same in every key) and base64 lines shorter than 16
 * characters (so short a fragment would blank out ordinary words), counted without a CR.
 */

const generated = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString().trim().split("\n");
const BEGIN = generated[0]!;
const END = generated.at(-1)!;
const body = generated.slice(1, -1).join("");
/** The key's base64 wrapped as: 16 characters, 15, then lines of 64 (OpenSSL reads any wrapping). */
const lines = [body.slice(0, 16), body.slice(16, 31), ...(body.slice(31).match(/.{1,64}/g) ?? [])];
const [line16, line15, line64] = lines as [string, string, string];
const pemWith = (eol: string) => [BEGIN, ...lines, END].join(eol);

const props: ResolvedInputs = { owner: "octo-org", repository: "app", secretName: "APP_WRITTEN", value: "value-of-app-written" };
/** What `fail` makes of a message that quotes `quoted`. */
const failureQuoting = (quoted: string) =>
  startOperation(deployment(), "actions-repository-secret", props, "creating").fail(new GitHubSecretsError(`the library said: ${quoted} (end)`)).message;
const redacted = "the library said: [REDACTED] (end)";
const kept = (quoted: string) => `the library said: ${quoted} (end)`;

/** An App configured in the stack (no request is made: `fail` is all that runs). */
const configureApp = (privateKey: string) => configureProvider({ "github:token": undefined, "github:appAuth": { id: "4343", installationId: "78", pemFile: privateKey } });

describe("a GitHub App's private key stays out of failure messages", () => {
  it("redacts the whole PEM and each base64 line from 16 characters on; keeps the BEGIN/END lines and shorter lines", async () => {
    await configureApp(pemWith("\n"));
    assert.equal(failureQuoting(pemWith("\n")), redacted);
    for (const line of [line16, line64, lines.at(-2)!]) assert.equal(failureQuoting(line), redacted, line);
    for (const harmless of [line15, BEGIN, END]) assert.equal(failureQuoting(harmless), kept(harmless), harmless);
  });

  it("counts a CRLF key's line length without the CR, and keeps its BEGIN line", async () => {
    await configureApp(pemWith("\r\n"));
    assert.equal(failureQuoting(pemWith("\r\n")), redacted);
    assert.equal(failureQuoting(line16), redacted, "its line without the CR is what is redacted");
    for (const harmless of [`${line15}\r`, `${BEGIN}\r`]) assert.equal(failureQuoting(harmless), kept(harmless), JSON.stringify(harmless));
  });

  it("without an App, redacts nothing but the token and values: any other words stay, even a mutation tester's marker", async () => {
    await configureProvider();
    for (const words of ["Stryker was here", "-----BEGIN RSA PRIVATE KEY-----", line64]) assert.equal(failureQuoting(words), kept(words), words);
    assert.equal(failureQuoting(emulator().token), redacted);
  });
});
