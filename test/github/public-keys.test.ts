import assert from "node:assert/strict";
import sodium from "libsodium-wrappers";
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

/*
 * A container's public key is fetched once per deployment, for each container and scope;
 * fetched again when GitHub rotated it; not fetched for a value sealed elsewhere.
 */

describe("public keys: fetched once per container and deployment, again after a rotation", () => {
  beforeEach(() => configureProvider());

  const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
  const routes = (method: string, suffix: string) =>
    emulator().requests.filter((r) => r.method === method && r.route?.endsWith(suffix));

  it("fetches each container's key once per deployment, and each scope's own key", async () => {
    await Promise.all(
      ["A", "B", "C"].map((name) => createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: name, value: name })),
    );
    await createVia("dependabot-repository-secret", { owner: "octo-org", repository: "app", secretName: "D", value: "d" });
    await createVia("actions-repository-secret", { owner: "octo-org", repository: "api", secretName: "E", value: "e" });
    const keyRequests = emulator().requests.filter((r) => r.route?.endsWith("/secrets/public-key"));
    assert.deepEqual(
      keyRequests.map((r) => r.path).sort(),
      [
        "/repos/octo-org/api/actions/secrets/public-key",
        "/repos/octo-org/app/actions/secrets/public-key",
        "/repos/octo-org/app/dependabot/secrets/public-key",
      ],
    );
    assert.equal(emulator().getSecret({ app: "dependabot", owner: "octo-org", repo: "app" }, "D")?.value, "d");
  });

  it("seals again with the new key when GitHub rotated it during the deployment", async () => {
    await createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "FIRST", value: "1" });
    emulator().rotateKey(REPO);
    await createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "SECOND", value: "2" });
    assert.equal(emulator().getSecret(REPO, "SECOND")?.value, "2");
    assert.equal(routes("GET", "/secrets/public-key").length, 2);
  });

  it("writes a value sealed elsewhere as is, without fetching a key", async () => {
    await sodium.ready;
    const { key, keyId } = emulator().publicKey(REPO);
    const sealed = Buffer.from(sodium.crypto_box_seal(Buffer.from("sealed elsewhere"), Buffer.from(key, "base64"))).toString("base64");
    const { outs } = await createVia("actions-repository-secret", {
      owner: "octo-org",
      repository: "app",
      secretName: "PRESEALED",
      valueEncrypted: sealed,
      keyId,
    });
    assert.equal(emulator().getSecret(REPO, "PRESEALED")?.value, "sealed elsewhere");
    assert.equal(outs.valueEncrypted, sealed);
    assert.equal(routes("GET", "/secrets/public-key").length, 0);
  });
});
