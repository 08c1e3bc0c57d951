import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { GitHubSecretsError } from "../provider/errors";
import { startOperation } from "../provider/lifecycle/item-operation";
import { deployment } from "./support/deployment";
import { configureProvider } from "./support/configure-provider";

/*
 * A key file saved on Windows has CRLF line endings; a library that quotes one of its base64
 * lines quotes the text without the CR (as it would from the decoded key, or a line it split
 * itself). Each line is redacted by its base64 alone, wherever it appears.
 */

const lf = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString().trim();
const crlf = lf.split("\n").join("\r\n");
const base64Lines = lf.split("\n").filter((line) => !line.startsWith("-----"));

describe("a CRLF private key's lines stay out of failure messages", () => {
  const quoting = (quoted: string) =>
    startOperation(deployment(), "actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "CRLF_KEY", value: "value-of-crlf-key" }, "creating")
      .fail(new GitHubSecretsError(`quoted: <${quoted}>`)).message;

  it("redacts each base64 line quoted without its CR, and the CRLF PEM whole", async () => {
    await configureProvider({ "github:token": undefined, "github:appAuth": { id: "4343", installationId: "78", pemFile: crlf } });
    assert.ok(base64Lines.length > 20, "a 2048-bit key has over 20 base64 lines");
    for (const line of base64Lines) assert.equal(quoting(line), "quoted: <[REDACTED]>", line);
    assert.equal(quoting(crlf), "quoted: <[REDACTED]>");
  });
});
