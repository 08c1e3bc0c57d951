import assert from "node:assert/strict";
import type { Container } from "../../emulator";
import { configureProvider } from "../support/configure-provider";
import { createVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";

/*
 * A container's public key, as GitHub returns it: one that is not a 32-byte X25519 key is
 * refused before anything is sealed; every request names the client.
 */

describe("public keys: one that is not 32 bytes is refused", () => {
  beforeEach(() => configureProvider());

  const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };

  it("identifies itself to GitHub and rejects a public key that is not 32 bytes", async () => {
    emulator().injectFault({ method: "GET", path: /\/secrets\/public-key$/, status: 200, body: { key_id: "k", key: Buffer.alloc(31).toString("base64") } });
    await assert.rejects(
      createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "K", value: "v" }),
      /GitHub returned a public key of 31 bytes; a sealed box needs a 32-byte X25519 key/,
    );
    assert.match(emulator().requests[0]!.headers["user-agent"] ?? "", /^pulumi-github-secrets /);
    assert.equal(emulator().getSecret(REPO, "K"), undefined);
  });
});
