import assert from "node:assert/strict";
import sodium from "libsodium-wrappers";
import { faults, type Container } from "../../emulator";
import { configureProvider } from "../support/configure-provider";
import { createVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";

/*
 * A container's public key, as GitHub returns it, is checked before anything is sealed with
 * it: canonical standard base64 of exactly 32 bytes, not one of the small-order points
 * libsodium refuses, with a key id. A bad key fails the write naming the container, before
 * any PUT, and the message never shows the value.
 */

/** Standard base64 of 32 bytes that holds both + and /: "+/v7+/v7…". */
const PLUS_SLASH_KEY = Buffer.alloc(32, 0xfb).toString("base64");
const point = (hex: string) => Buffer.from(hex, "hex").toString("base64");
const ORDER_8_POINT = "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800";
const P_MINUS_1 = `ec${"ff".repeat(30)}7f`;

describe("public keys: a key GitHub returned is checked before anything is sealed with it", () => {
  beforeEach(() => configureProvider());

  const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
  const VALUE = "plaintext-that-must-not-show";
  const good = () => emulator().publicKey(REPO);
  const NOT_BASE64 = "is not canonical standard base64 (alphabet A-Z a-z 0-9 + /, padded with =)";
  const SMALL_ORDER = "is a small-order point, for which every sealed value could be opened by anyone";

  const cases: [string, () => unknown, string][] = [
    ["junk characters", () => ({ key_id: good().keyId, key: `${good().key.slice(0, 10)}!*${good().key.slice(10)}` }), NOT_BASE64],
    ["a line break", () => ({ key_id: good().keyId, key: `${good().key.slice(0, 20)}\n${good().key.slice(20)}` }), NOT_BASE64],
    ["the URL-safe alphabet", () => ({ key_id: "1", key: PLUS_SLASH_KEY.replaceAll("+", "-").replaceAll("/", "_") }), NOT_BASE64],
    ["no padding", () => ({ key_id: "1", key: PLUS_SLASH_KEY.replace(/=+$/, "") }), NOT_BASE64],
    ["31 bytes", () => ({ key_id: "1", key: Buffer.alloc(31, 9).toString("base64") }), "is 31 bytes; a sealed box needs a 32-byte X25519 key"],
    ["33 bytes", () => ({ key_id: "1", key: Buffer.alloc(33, 9).toString("base64") }), "is 33 bytes; a sealed box needs a 32-byte X25519 key"],
    ["the all-zero point", () => ({ key_id: "1", key: point("00".repeat(32)) }), SMALL_ORDER],
    ["a point of order 8", () => ({ key_id: "1", key: point(ORDER_8_POINT) }), SMALL_ORDER],
    ["p - 1 with the top bit set", () => ({ key_id: "1", key: point(P_MINUS_1.replace(/7f$/, "ff")) }), SMALL_ORDER],
    ["no key", () => ({ key_id: "1" }), "has no `key` text"],
    ["a key that is no text", () => ({ key_id: "1", key: 42 }), "has no `key` text"],
    ["an empty key_id", () => ({ key_id: "", key: good().key }), "has no `key_id` text"],
    ["no key_id", () => ({ key: good().key }), "has no `key_id` text"],
    ["a numeric key_id", () => ({ key_id: 1234, key: good().key }), "has no `key_id` text"],
  ];

  for (const [what, answer, problem] of cases) {
    it(`refuses a key with ${what}, naming the container, before any PUT`, async () => {
      emulator().injectFault(faults.tamperedPublicKey(answer()));
      await assert.rejects(createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "K", value: VALUE }), (error: Error) => {
        assert.equal(
          error.message,
          `The public key GitHub returned for repository Actions secrets in octo-org/app (GET /repos/octo-org/app/actions/secrets/public-key) ${problem}: ` +
            "nothing was sealed with it or sent. Try again; if it persists, check that github:baseUrl (or GITHUB_BASE_URL, GITHUB_API_URL) is GitHub's API",
        );
        assert.ok(!error.message.includes(VALUE) && !error.message.includes(emulator().token));
        return true;
      });
      assert.deepEqual(emulator().requests.map((r) => r.method), ["GET"], "only the key's GET");
      assert.equal(emulator().getSecret(REPO, "K"), undefined);
    });
  }

  it("names each container: an environment's and an organization's Dependabot secrets; identifies itself to GitHub", async () => {
    emulator().injectFault(faults.tamperedPublicKey({ key_id: "1", key: point("00".repeat(32)) }, { times: 2 }));
    await assert.rejects(
      createVia("actions-environment-secret", { owner: "octo-org", repository: "app", environment: "production", secretName: "K", value: VALUE }),
      /^GitHubSecretsError: The public key GitHub returned for environment Actions secrets in octo-org\/app environment "production" \(GET \/repos\/octo-org\/app\/environments\/production\/secrets\/public-key\) is a small-order point/,
    );
    await assert.rejects(
      createVia("dependabot-organization-secret", { org: "octo-org", secretName: "K", value: VALUE, visibility: "all" }),
      /^GitHubSecretsError: The public key GitHub returned for organization Dependabot secrets in organization octo-org \(GET \/orgs\/octo-org\/dependabot\/secrets\/public-key\) is a small-order point/,
    );
    assert.match(emulator().requests[0]!.headers["user-agent"] ?? "", /^pulumi-github-secrets /);
    assert.equal(emulator().requests.filter((r) => r.method !== "GET").length, 0);
  });

  it("does not keep a refused key: the next write asks again and seals with the good one", async () => {
    emulator().injectFault(faults.tamperedPublicKey({ key_id: "1", key: point(ORDER_8_POINT) }));
    await assert.rejects(createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "K", value: VALUE }), /small-order point/);
    await createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "K", value: VALUE });
    assert.equal(emulator().getSecret(REPO, "K")?.value, VALUE);
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
