import assert from "node:assert/strict";
import { DEFAULT_BASE_URL, resolveConfiguration } from "../../provider/deployment/configuration";
import { configureProvider } from "../support/configure-provider";
import { deployment, provider as operations, startDeployment } from "../support/deployment";
import { createVia } from "../support/lifecycle";
import { withEnvironment } from "../support/environment";
import { emulator } from "../support/root-hooks";

/*
 * Where the connection settings come from: stack configuration wins over the environment,
 * the environment over defaults. Proved by writes that only succeed against the emulator
 * with its token, while the losing source points elsewhere.
 */

/** An API root on which every path is unknown: the emulator answers 404 at once (no retries, unlike a refused connection). */
const wrongBaseUrl = () => `${emulator().url}/elsewhere`;
const WRONG_TOKEN = "ghp_not_the_emulators_token";
/** Every variable the provider reads, unset: each test sets what it means. */
const NO_GITHUB_ENVIRONMENT = {
  GITHUB_TOKEN: undefined,
  GH_TOKEN: undefined,
  GITHUB_API_URL: undefined,
  GITHUB_BASE_URL: undefined,
  GITHUB_OWNER: undefined,
  GITHUB_SECRETS_WRITE_INTERVAL_MS: undefined,
  GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS: undefined,
};

/** A new provider process, configured with `config` (and the environment as it is now). */
async function configure(config: Record<string, string | undefined>): Promise<void> {
  startDeployment(config);
}

const REPO = { app: "actions", owner: "octo-org", repo: "app" } as const;
const secret = (name: string) => ({ owner: "octo-org", repository: "app", secretName: name, value: `value of ${name}` });

function inEnvironment(env: Record<string, string | undefined>, body: () => Promise<void>): Promise<void> {
  return withEnvironment({ ...NO_GITHUB_ENVIRONMENT, ...env }, body);
}

describe("configuration: stack configuration, then the environment, then defaults", () => {
  it("uses github:token and github:baseUrl over GITHUB_TOKEN, GH_TOKEN and GITHUB_API_URL", () =>
    inEnvironment({ GITHUB_TOKEN: WRONG_TOKEN, GH_TOKEN: WRONG_TOKEN, GITHUB_API_URL: wrongBaseUrl() }, async () => {
      await configure({ "github:token": emulator().token, "github:baseUrl": emulator().url, "githubSecrets:writeIntervalMs": "0" });
      await createVia("actions-repository-secret", secret("STACK_WINS"));
      assert.equal(emulator().getSecret(REPO, "STACK_WINS")?.value, "value of STACK_WINS");
    }));

  it("does not let a right token or API root in the environment override wrong ones in the stack", async () => {
    await inEnvironment({ GITHUB_TOKEN: emulator().token, GITHUB_API_URL: emulator().url }, async () => {
      await configure({ "github:token": WRONG_TOKEN, "github:baseUrl": emulator().url });
      await assert.rejects(createVia("actions-repository-secret", secret("A")), /GitHub rejected the token \(401/);
      await configure({ "github:token": emulator().token, "github:baseUrl": wrongBaseUrl() });
      await assert.rejects(createVia("actions-repository-secret", secret("B")), /not found \(404\)/);
      assert.ok(emulator().requests.every((r) => r.path.startsWith("/elsewhere/") || r.status === 401));
    });
    assert.equal(emulator().listSecrets(REPO).length, 0);
  });

  it("falls back to GITHUB_TOKEN, then GH_TOKEN, and GITHUB_API_URL (trailing slashes dropped); empty values count as unset", async () => {
    await inEnvironment({ GITHUB_TOKEN: emulator().token, GH_TOKEN: WRONG_TOKEN, GITHUB_API_URL: `${emulator().url}//` }, async () => {
      await configure({ "github:token": "", "github:baseUrl": "" });
      assert.equal(deployment().configuration.baseUrl, emulator().url);
      await createVia("actions-repository-secret", secret("FROM_GITHUB_TOKEN"));
    });
    for (const [githubToken, name] of [["", "FROM_GH_TOKEN"], [undefined, "ONLY_GH_TOKEN"]] as const) {
      await inEnvironment({ GITHUB_TOKEN: githubToken, GH_TOKEN: emulator().token, GITHUB_API_URL: emulator().url }, async () => {
        await configure({});
        await createVia("actions-repository-secret", secret(name));
      });
    }
    assert.deepEqual(emulator().listSecrets(REPO).map((s) => s.name), ["FROM_GH_TOKEN", "FROM_GITHUB_TOKEN", "ONLY_GH_TOKEN"]);
  });

  it("defaults to api.github.com, no owner, GitHub's one second between writes and ten minutes of rate-limit waiting", () =>
    inEnvironment({}, async () => {
      await configure({});
      assert.deepEqual(deployment().configuration, { token: undefined, baseUrl: DEFAULT_BASE_URL, owner: undefined, writeIntervalMs: 1000, maxRateLimitWaitSeconds: 600 });
      assert.equal(DEFAULT_BASE_URL, "https://api.github.com");
    }));

  it("takes the owner and the write interval from the stack over the environment", () =>
    inEnvironment({ GITHUB_OWNER: "env-owner", GITHUB_SECRETS_WRITE_INTERVAL_MS: "250" }, async () => {
      await configure({});
      assert.deepEqual([deployment().configuration.owner, deployment().configuration.writeIntervalMs], ["env-owner", 250]);
      const fromEnv = await operations.check("actions-repository-secret", {}, { repository: "app", secretName: "X", value: "v" });
      assert.equal(fromEnv.inputs!.owner, "env-owner");
      await configure({ "github:owner": "stack-owner", "githubSecrets:writeIntervalMs": "0" });
      assert.deepEqual([deployment().configuration.owner, deployment().configuration.writeIntervalMs], ["stack-owner", 0]);
      const fromStack = await operations.check("actions-organization-secret", {}, { secretName: "X", value: "v" });
      assert.equal(fromStack.inputs!.org, "stack-owner");
    }));

  it("takes the rate-limit wait bound from the stack over GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS, and rejects a bad one", () =>
    inEnvironment({ GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS: "120" }, async () => {
      await configure({});
      assert.equal(deployment().configuration.maxRateLimitWaitSeconds, 120);
      await configure({ "githubSecrets:maxRateLimitWaitSeconds": "0" });
      assert.equal(deployment().configuration.maxRateLimitWaitSeconds, 0);
      await assert.rejects(configure({ "githubSecrets:maxRateLimitWaitSeconds": "ten" }), /githubSecrets:maxRateLimitWaitSeconds must be a whole number of seconds, got "ten"/);
    }));

  it("rejects a write interval that is not a whole number of milliseconds, naming the setting", async () => {
    for (const bad of ["-1", "1.5", "soon"]) {
      await assert.rejects(configure({ "githubSecrets:writeIntervalMs": bad }), new RegExp(`githubSecrets:writeIntervalMs must be a whole number of milliseconds, got "${bad}"`));
      await inEnvironment({ GITHUB_SECRETS_WRITE_INTERVAL_MS: bad }, async () => {
        await assert.rejects(configure({}), /GITHUB_SECRETS_WRITE_INTERVAL_MS must be a whole number/);
      });
    }
  });
});

/*
 * A pacing or rate-limit setting in the environment that is not a whole number stops the
 * provider with a message naming that variable, its unit and what it was given; the stack
 * leaves both unset here, so the environment is what is read.
 */

describe("configuration: pacing settings from the environment", () => {
  beforeEach(() => configureProvider({ "githubSecrets:writeIntervalMs": undefined }));

  const cases = [
    ["GITHUB_SECRETS_WRITE_INTERVAL_MS", "milliseconds"],
    ["GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS", "seconds"],
  ] as const;
  for (const [name, unit] of cases) {
    it(`${name}: a bad value is refused, naming the variable and the unit`, async () => {
      for (const bad of ["-1", "1.5", "soon"]) {
        await withEnvironment({ GITHUB_SECRETS_WRITE_INTERVAL_MS: undefined, GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS: undefined, [name]: bad }, () => {
          assert.throws(() => resolveConfiguration({}, process.env), { message: `${name} must be a whole number of ${unit}, got "${bad}"` });
        });
      }
    });
  }
});

/*
 * Every request carries a credential and every write a sealed value: the API root must use
 * https, but for loopback, where the emulator listens. A refusal names the setting the root
 * came from and quotes no more than its scheme and host, and comes from configure, before any
 * client exists.
 */

describe("configuration: the API root must use https, but for loopback", () => {
  /** The root from each setting (a later one holding the emulator's, which must not be taken instead); the environment holds the emulator's token. */
  const settings = [
    ["github:baseUrl", (url: string) => inEnvironment({ GITHUB_TOKEN: emulator().token, GITHUB_BASE_URL: emulator().url }, () => configure({ "github:baseUrl": url }))],
    ["GITHUB_BASE_URL", (url: string) => inEnvironment({ GITHUB_TOKEN: emulator().token, GITHUB_BASE_URL: url, GITHUB_API_URL: emulator().url }, () => configure({}))],
    ["GITHUB_API_URL", (url: string) => inEnvironment({ GITHUB_API_URL: url }, () => configure({ "github:token": emulator().token }))],
  ] as const;
  const TLS_ADVICE = "set it to GitHub's API root over https (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server); plain http is accepted only for a loopback address (localhost, 127.0.0.0/8, [::1]), such as the emulator's";

  /** The message of the refusal, checked to quote neither the token nor `secret` (part of the URL that must not be shown). */
  async function refusal(configureWith: (url: string) => Promise<void>, url: string, secret?: string): Promise<string> {
    let message: string | undefined;
    await configureWith(url).catch((error: Error) => (message = error.message));
    assert.ok(message !== undefined, `${url} was accepted`);
    assert.ok(!message.includes(emulator().token), "the token in the message");
    if (secret !== undefined) assert.ok(!message.includes(secret), `"${secret}" in the message`);
    return message;
  }

  for (const [setting, configureWith] of settings) {
    it(`${setting}: refuses plain http to any host but loopback, naming the setting and the host only`, async () => {
      const hosts = {
        "http://api.example.com": "http://api.example.com",
        "http://127.0.0.1.example.com/api/v3": "http://127.0.0.1.example.com",
        "http://localhost.example.com:8080": "http://localhost.example.com:8080",
        "HTTP://10.0.0.1/api/v3?token=not-shown": "http://10.0.0.1",
        "http://128.0.0.1": "http://128.0.0.1",
        "http://[::2]": "http://[::2]",
        "http://[::ffff:10.0.0.1]": "http://[::ffff:a00:1]",
        "http://localhost.": "http://localhost.",
      };
      for (const [url, shown] of Object.entries(hosts)) {
        assert.equal(
          await refusal(configureWith, url, "not-shown"),
          `${setting} is ${shown}, plain http: the token and every sealed value would cross the network unencrypted; ${TLS_ADVICE}`,
        );
      }
      assert.equal(emulator().requests.length, 0);
    });

    it(`${setting}: refuses a user name or password in the URL without quoting them, and other schemes and non-URLs`, async () => {
      const withUserinfo = [
        "https://x-access-token:ghp_InTheUrl0123456789@api.github.com",
        "https://:ghp_InTheUrl0123456789@api.github.com",
        "http://127.0.0.1@api.example.com",
        "http://ghp_InTheUrl0123456789@localhost",
      ];
      for (const url of withUserinfo) {
        assert.equal(
          await refusal(configureWith, url, url.includes("ghp_") ? "ghp_InTheUrl" : "127.0.0.1"),
          `${setting} holds a user name or password (user:password@host), which would be sent with every request: remove them, and give the token as github:token or GITHUB_TOKEN`,
        );
      }
      for (const [url, scheme] of [["ftp://127.0.0.1/", "ftp:"], ["file:///etc/passwd", "file:"], ["ws://localhost:8080", "ws:"]] as const) {
        assert.equal(await refusal(configureWith, url), `${setting} is a ${scheme} URL: ${TLS_ADVICE}`);
      }
      // A token pasted into the wrong setting is not a URL, and is not shown.
      for (const notUrl of ["ghp_PastedByMistake0123456789", "api.github.com", "https://"]) {
        assert.equal(await refusal(configureWith, notUrl, "PastedByMistake"), `${setting} is not a URL: ${TLS_ADVICE}`);
      }
      assert.equal(emulator().requests.length, 0);
    });
  }

  it("accepts https anywhere and plain http to localhost, 127.0.0.0/8 and ::1, as WHATWG URL reads them", async () => {
    const accepted = [
      "https://ghe.example.com/api/v3/",
      "https://api.github.com",
      "http://localhost:8080",
      "http://LOCALHOST:8080/api/v3",
      "http://127.0.0.1:3000",
      "http://127.45.6.7",
      "http://0x7f.1", // 127.0.0.1 to WHATWG URL, and so to fetch
      "http://2130706433", // likewise
      "http://[::1]:3000/",
      "http://[0:0::1]",
      "http://[::ffff:127.0.0.1]",
    ];
    for (const url of accepted) {
      await inEnvironment({}, () => configure({ "github:baseUrl": url }));
      assert.equal(deployment().configuration.baseUrl, url.replace(/\/+$/, ""));
    }
  });
});
