import assert from "node:assert/strict";
import { statusOf } from "../../provider/errors";
import { explainFailure, type FailureContext } from "../../provider/github/failure-advice";
import { scopeFor } from "../../provider/scopes";
import type { ScopeKey } from "../../provider/types";
import { provider as operations } from "../support/deployment";
import { configureProvider } from "../support/configure-provider";
import { createVia, updateVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";
import { scopeFixtures } from "../support/scope-fixtures";
import { faults } from "../../emulator";

/*
 * What a user reads when GitHub refuses: each status sorted into its cause and the next step,
 * rate limits told apart from refusals by GitHub's headers and wording, and nothing of the
 * request (headers, body, credentials) carried along. Failures are shaped as Octokit's
 * RequestError: status, response { headers, data }, request { url }.
 */

const context = (scope: ScopeKey = "actions-repository-secret", extra: Partial<FailureContext> = {}): FailureContext => ({
  action: "creating",
  scope: scopeFor(scope),
  target: "DB_PASS in octo-org/app",
  baseUrl: "https://api.github.com",
  ...extra,
});

const failure = (status: number, headers: Record<string, string> = {}, data: unknown = { message: "Forbidden" }, url = "https://api.github.com/repos/octo-org/app/actions/secrets/DB_PASS") => ({
  status,
  message: "HttpError",
  response: { headers, data },
  request: { url, headers: { authorization: "token ghp_secret_token_value" }, body: '{"encrypted_value":"sealed"}' },
});

const explain = (error: unknown, ctx = context()) => explainFailure(error, ctx).message;

describe("failure explanations: by status, with what to do next", () => {
  it("names the action, the scope and the target, and keeps GitHub's message with its details", () => {
    const message = explain(failure(422, {}, { message: "Validation Failed", errors: ["name is reserved", { message: "too long" }, { code: "x" }, null] }));
    assert.equal(
      message,
      'Creating repository Actions secret DB_PASS in octo-org/app failed: GitHub rejected the request as invalid (422); see https://docs.github.com/en/rest/actions/secrets. GitHub said: "Validation Failed; name is reserved; too long"',
    );
    assert.ok(!message.includes("ghp_secret_token_value") && !message.includes("sealed"));
    assert.equal(explainFailure(failure(422), context()).status, 422);
  });

  it("says nothing of GitHub's words when the answer has none", () => {
    const conflict = "Creating repository Actions secret DB_PASS in octo-org/app failed: GitHub reported a conflict (409): the item changed or its visibility does not allow this operation; refresh and try again.";
    assert.equal(explain(failure(409, {}, "<html>")), conflict);
    assert.equal(explain(failure(409, {}, null)), conflict, "a body of JSON null");
    assert.equal(explain({ status: 409, response: { headers: {} } }), conflict, "no body at all");
  });

  it("401: a token to set again, or an App installation to check", () => {
    assert.match(explain(failure(401)), /failed: GitHub rejected the token \(401 Bad credentials\): set a valid one with `pulumi config set --secret github:token …` or GITHUB_TOKEN/);
    assert.match(explain(failure(401), context(undefined, { app: true })), /failed: GitHub rejected the App's installation token \(401 Bad credentials\); it is renewed before it expires/);
  });

  it("403 without a rate limit's signs: the permission the scope needs, and for an App its repositories", () => {
    const token = explain(failure(403));
    assert.ok(token.includes(`failed: the token may not manage this: ${scopeFor("actions-repository-secret").permissions} (403). GitHub said: "Forbidden"`), token);
    const app = explain(failure(403), context(undefined, { app: true }));
    assert.match(app, /failed: the GitHub App installation may not manage this: .*, and the repository must be one the App is installed on \(403\)/);
  });

  it("404: the container that may not exist or not be visible, per scope", () => {
    const cases: [ScopeKey, string][] = [
      ["actions-repository-secret", "repository"],
      ["actions-environment-secret", "repository or environment"],
      ["actions-organization-variable", "organization"],
      ["codespaces-user-secret", "authenticated user's item"],
    ];
    for (const [scope, container] of cases) {
      assert.ok(explain(failure(404), context(scope)).includes(`failed: not found (404): the ${container} does not exist, or the token cannot see it (GitHub answers 404`), scope);
    }
    assert.match(explain(failure(404), context(undefined, { app: true })), /or the GitHub App installation cannot see it/);
  });

  it("5xx: retries ran out, GitHub's status page; another status: as GitHub answered", () => {
    assert.match(explain(failure(500)), /failed: GitHub failed \(500\) and retries ran out; GitHub may be having an incident \(https:\/\/www\.githubstatus\.com\)/);
    assert.match(explain(failure(503)), /GitHub failed \(503\)/);
    assert.match(explain(failure(418)), /failed: GitHub answered 418\./);
    assert.match(explain(failure(499)), /failed: GitHub answered 499\./);
  });

  it("no answer at all: the base URL and the network's reason", () => {
    const reach = (error: unknown) => explain(error, context(undefined, { baseUrl: "http://127.0.0.1:9" }));
    assert.match(reach({ message: "fetch failed", cause: { code: "ECONNREFUSED", message: "connect ECONNREFUSED" } }), /could not reach the GitHub API at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\); check github:baseUrl \/ GITHUB_API_URL and the network\.$/);
    assert.match(reach({ message: "fetch failed", cause: { message: "socket hang up" } }), /\(socket hang up\)/);
    assert.match(reach({ message: "fetch failed" }), /\(fetch failed\)/);
    assert.match(reach(undefined), /\(no response\)/);
    assert.match(reach({ status: 502, message: "Bad Gateway" }), /could not reach the GitHub API .*\(Bad Gateway\)/, "a status without a response");
    assert.equal(explainFailure(undefined, context()).status, undefined);
  });

  it("the App's token request: a JWT rejected, an unknown installation, another refusal", () => {
    const tokenUrl = "https://api.github.com/app/installations/77/access_tokens";
    const app = context(undefined, { app: true });
    assert.match(explain(failure(401, {}, undefined, tokenUrl), app), /failed: GitHub rejected the App's JSON web token \(401\): check the App id \(github:appAuth\.id or GITHUB_APP_ID\)/);
    assert.match(explain(failure(404, {}, undefined, tokenUrl), app), /failed: GitHub knows no such installation of this App \(404\): check github:appAuth\.installationId or GITHUB_APP_INSTALLATION_ID/);
    assert.match(explain(failure(403, {}, undefined, tokenUrl), app), /failed: GitHub refused an installation token for the App \(403\); check the installation's repositories and permissions/);
    // No answer to the token request: the API could not be reached (Octokit's status 500 without a response).
    const refused = { status: 500, message: "fetch failed", cause: { code: "ECONNREFUSED" }, request: { url: tokenUrl } };
    assert.match(explain(refused, app), /failed: could not reach the GitHub API at https:\/\/api\.github\.com \(ECONNREFUSED\)/);
    // The same path without App authentication, another path, or none known, is an ordinary failure.
    assert.match(explain({ status: 404, response: { headers: {}, data: { message: "Not Found" } } }, app), /not found \(404\): the repository/);
    assert.match(explain(failure(404, {}, undefined, tokenUrl)), /not found \(404\): the repository/);
    assert.match(explain(failure(404, {}, undefined, `${tokenUrl}/x`), app), /not found \(404\): the repository/);
    assert.match(explain(failure(404, {}, undefined, "https://api.github.com/app/installations/77/access_tokens?x"), app), /not found \(404\)/);
  });

  it("reads the status only when it is a number; without one, not even a response is taken for GitHub's answer", () => {
    assert.equal(statusOf({ status: 404 }), 404);
    assert.match(explain({ status: "404", message: "HttpError", response: { headers: {}, data: { message: "Not Found" } } }), /failed: could not reach the GitHub API at https:\/\/api\.github\.com \(HttpError\)/);
    assert.equal(statusOf({ status: "404" }), undefined);
    assert.equal(statusOf(undefined), undefined);
  });
});

describe("failure explanations: rate limits told apart from refusals", () => {
  const rateLimited = /secondary rate limit kept refusing|rate limit for this token is used up/;

  it("a 403 is a rate limit when x-ratelimit-remaining is 0, retry-after is set, or GitHub says so", () => {
    assert.match(explain(failure(403, { "x-ratelimit-remaining": "0" })), rateLimited);
    assert.match(explain(failure(403, { "retry-after": "30" })), rateLimited);
    assert.match(explain(failure(403, {}, { message: "You have exceeded a secondary Rate Limit." })), rateLimited);
    assert.doesNotMatch(explain(failure(403, { "x-ratelimit-remaining": "1" })), rateLimited);
    assert.doesNotMatch(explain(failure(403, {}, { message: "Resource not accessible by integration" })), rateLimited);
  });

  it("a 429 is always one; other statuses never are, whatever their headers", () => {
    assert.match(explain(failure(429, {}, { message: "Too Many Requests" })), rateLimited);
    assert.doesNotMatch(explain(failure(404, { "x-ratelimit-remaining": "0", "retry-after": "1" }, { message: "rate limit" })), rateLimited);
    assert.doesNotMatch(explain(failure(500, { "retry-after": "1" })), rateLimited);
  });

  it("a primary limit: until when, in ISO time, beyond the bound named with its value, and what to do", () => {
    const reset = 1_900_000_000;
    const message = explain(failure(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }), context(undefined, { maxRateLimitWaitSeconds: 30 }));
    assert.ok(
      message.includes(
        `failed: GitHub's rate limit for this token is used up until ${new Date(reset * 1000).toISOString()} (403), later than githubSecrets:maxRateLimitWaitSeconds (30 s) allows waiting; run \`pulumi up\` again after ${new Date(reset * 1000).toISOString()}, or allow a longer wait with \`pulumi config set githubSecrets:maxRateLimitWaitSeconds 3600\`.`,
      ),
      message,
    );
    assert.match(explain(failure(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) })), /later than githubSecrets:maxRateLimitWaitSeconds allows waiting/);
  });

  it("without a usable reset, a used-up limit is explained as a secondary one", () => {
    for (const reset of [undefined, "0", "soon"]) {
      const headers: Record<string, string> = { "x-ratelimit-remaining": "0", ...(reset === undefined ? {} : { "x-ratelimit-reset": reset }) };
      assert.match(explain(failure(403, headers)), /secondary rate limit kept refusing the request for longer than githubSecrets:maxRateLimitWaitSeconds allows waiting \(403\); run `pulumi up` again in a few minutes/, String(reset));
    }
  });

  it("a secondary limit: the status, GitHub's retry-after, and how to lower the pace", () => {
    const message = explain(failure(429, { "retry-after": "60" }), context(undefined, { maxRateLimitWaitSeconds: 600 }));
    assert.ok(
      message.includes(
        "failed: GitHub's secondary rate limit kept refusing the request for longer than githubSecrets:maxRateLimitWaitSeconds (600 s) allows waiting (429, retry-after 60 s); run `pulumi up` again in a few minutes, or lower the pace with `pulumi config set githubSecrets:writeIntervalMs 2000` and `pulumi up --parallel 4`.",
      ),
      message,
    );
  });
});

/*
 * What a failure tells the user, for every scope: the operation, the item and where it is,
 * what went wrong by status, what the token needs, where GitHub documents the endpoint, and
 * what GitHub said.
 */

interface Expected {
  title: string;
  where: string;
  container: string;
  permissions: string;
  docs: string;
}

const REPO_PERMISSION = (what: string) => `a classic token needs the \`repo\` scope; a fine-grained token or GitHub App needs the repository permission "${what}: write"`;
const ORG_PERMISSION = (what: string) => `a classic token needs the \`admin:org\` scope; a fine-grained token or GitHub App needs the organization permission "${what}: write"`;

const expected: Record<ScopeKey, Expected> = {
  "actions-repository-secret": { title: "repository Actions secret", where: "octo-org/app", container: "repository", permissions: REPO_PERMISSION("Secrets"), docs: "https://docs.github.com/en/rest/actions/secrets" },
  "actions-environment-secret": {
    title: "environment Actions secret",
    where: 'octo-org/app environment "staging/eu"',
    container: "repository or environment",
    permissions: 'a classic token needs the `repo` scope; a fine-grained token or GitHub App needs the repository permissions "Environments: write" and "Secrets: write"',
    docs: "https://docs.github.com/en/rest/actions/secrets",
  },
  "actions-organization-secret": {
    title: "organization Actions secret",
    where: "organization octo-org",
    container: "organization",
    permissions: 'a classic token needs the `admin:org` scope (and `repo` for private repositories); a fine-grained token or GitHub App needs the organization permission "Secrets: write"',
    docs: "https://docs.github.com/en/rest/actions/secrets",
  },
  "dependabot-repository-secret": { title: "repository Dependabot secret", where: "octo-org/app", container: "repository", permissions: REPO_PERMISSION("Dependabot secrets"), docs: "https://docs.github.com/en/rest/dependabot/secrets" },
  "dependabot-organization-secret": { title: "organization Dependabot secret", where: "organization octo-org", container: "organization", permissions: ORG_PERMISSION("Dependabot secrets"), docs: "https://docs.github.com/en/rest/dependabot/secrets" },
  "codespaces-repository-secret": { title: "repository Codespaces secret", where: "octo-org/app", container: "repository", permissions: REPO_PERMISSION("Codespaces secrets"), docs: "https://docs.github.com/en/rest/codespaces/repository-secrets" },
  "codespaces-organization-secret": { title: "organization Codespaces secret", where: "organization octo-org", container: "organization", permissions: ORG_PERMISSION("Codespaces secrets"), docs: "https://docs.github.com/en/rest/codespaces/organization-secrets" },
  "codespaces-user-secret": {
    title: "user Codespaces secret",
    where: "the authenticated user's account",
    container: "authenticated user's item",
    permissions: 'a classic token needs the `codespace` or `codespace:secrets` scope; a fine-grained token needs the user permission "Codespaces user secrets: write"',
    docs: "https://docs.github.com/en/rest/codespaces/secrets",
  },
  "actions-repository-variable": { title: "repository Actions variable", where: "octo-org/app", container: "repository", permissions: REPO_PERMISSION("Variables"), docs: "https://docs.github.com/en/rest/actions/variables" },
  "actions-environment-variable": {
    title: "environment Actions variable",
    where: 'octo-org/app environment "staging/eu"',
    container: "repository or environment",
    permissions: 'a classic token needs the `repo` scope; a fine-grained token or GitHub App needs the repository permissions "Environments: write" and "Variables: write"',
    docs: "https://docs.github.com/en/rest/actions/variables",
  },
  "actions-organization-variable": { title: "organization Actions variable", where: "organization octo-org", container: "organization", permissions: ORG_PERMISSION("Variables"), docs: "https://docs.github.com/en/rest/actions/variables" },
};

const WRITES = ["PUT", "POST", "PATCH"];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function failWrites(status: number, body?: unknown): void {
  emulator().clearFaults();
  for (const method of WRITES) emulator().injectFault({ method, status, body, times: Infinity });
}

describe("failure explanations: through the provider's methods, for every scope", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    const e = expected[fixture.key];
    const props = (value: string) => ({ ...fixture.inputs, [fixture.nameProperty]: "EXPLAINED", value });
    const item = `EXPLAINED in ${e.where}`;

    it(`${fixture.key}: says what failed, why, and what to do, by status`, async () => {
      assert.equal(scopeFor(fixture.key).title, e.title);
      const cases: [number, string][] = [
        [401, "GitHub rejected the token (401 Bad credentials): set a valid one with `pulumi config set --secret github:token …` or GITHUB_TOKEN; it may have expired or been revoked."],
        [403, `the token may not manage this: ${e.permissions} (403).`],
        [404, `not found (404): the ${e.container} does not exist, or the token cannot see it (GitHub answers 404 rather than 403 for what a token may not read: ${e.permissions}).`],
        [409, "GitHub reported a conflict (409): the item changed or its visibility does not allow this operation; refresh and try again."],
        [422, `GitHub rejected the request as invalid (422); see ${e.docs}.`],
        [400, "GitHub answered 400."],
        [410, "GitHub answered 410."],
      ];
      for (const [status, advice] of cases) {
        failWrites(status, { message: `said ${status}`, errors: ["first detail", { message: "second detail" }, { code: "no message" }] });
        await assert.rejects(createVia(fixture.key, props("v")), (error: Error & { status?: number }) => {
          assert.equal(error.message, `Creating ${e.title} ${item} failed: ${advice} GitHub said: "said ${status}; first detail; second detail"`);
          assert.equal(error.status, status);
          assert.equal(error.name, "GitHubSecretsError");
          return true;
        });
      }
      failWrites(403, {});
      await assert.rejects(createVia(fixture.key, props("v")), new RegExp(`^GitHubSecretsError: Creating ${escape(e.title)} ${escape(item)} failed: the token may not manage this: .* \\(403\\)\\.$`));
    });

    it(`${fixture.key}: names the operation that failed: updating, reading, deleting`, async () => {
      const { id, outs } = await createVia(fixture.key, props("v"));
      failWrites(403);
      await assert.rejects(updateVia(fixture.key, id, outs, props("w")), new RegExp(`^GitHubSecretsError: Updating ${escape(e.title)} ${escape(item)} failed: the token may not manage this`));
      emulator().clearFaults();
      // The first GET: refresh reads the container's list (or the item's own GET).
      emulator().injectFault({ method: "GET", status: 403 });
      await assert.rejects(operations.read(fixture.key, id, outs), new RegExp(`^GitHubSecretsError: Reading ${escape(e.title)} ${escape(item)} failed: the token may not manage this`));
      emulator().injectFault({ method: "DELETE", path: id, status: 403 });
      await assert.rejects(operations.delete(fixture.key, id, outs), new RegExp(`^GitHubSecretsError: Deleting ${escape(e.title)} ${escape(item)} failed: the token may not manage this`));
      assert.ok(fixture.kind === "secret" ? emulator().getSecret(fixture.container, "EXPLAINED") : emulator().getVariable(fixture.container, "EXPLAINED"), "a failed delete keeps the item");
    });
  }

  describe("failures without a GitHub answer, and 5xx after retries", () => {
    const context = { action: "creating", scope: scopeFor("actions-repository-secret"), target: "X in octo-org/app", baseUrl: "https://ghe.example/api/v3" };
    const unreachable = (cause: string) =>
      `Creating repository Actions secret X in octo-org/app failed: could not reach the GitHub API at https://ghe.example/api/v3 (${cause}); check github:baseUrl / GITHUB_API_URL and the network.`;

    it("names the cause of an unreachable API: its code, its message, the error's message, or nothing", () => {
      assert.equal(explainFailure({ status: 500, message: "fetch failed", cause: { code: "ECONNREFUSED", message: "connect refused" } }, context).message, unreachable("ECONNREFUSED"));
      assert.equal(explainFailure({ status: 500, message: "fetch failed", cause: { message: "getaddrinfo ENOTFOUND" } }, context).message, unreachable("getaddrinfo ENOTFOUND"));
      assert.equal(explainFailure({ message: "fetch failed" }, context).message, unreachable("fetch failed"));
      assert.equal(explainFailure(undefined, context).message, unreachable("no response"));
      assert.equal(explainFailure(new Error("socket hang up"), context).status, undefined);
    });

    it("points to GitHub's status page after a 5xx outlasted the retries", () => {
      for (const status of [500, 502, 503]) {
        const error = explainFailure({ status, response: { headers: {}, data: { message: "Server Error" } } }, context);
        assert.equal(
          error.message,
          `Creating repository Actions secret X in octo-org/app failed: GitHub failed (${status}) and retries ran out; GitHub may be having an incident (https://www.githubstatus.com). GitHub said: "Server Error"`,
        );
        assert.equal(error.status, status);
      }
      const plain = explainFailure({ status: 499, response: { headers: {}, data: "<html>" } }, context);
      assert.equal(plain.message, "Creating repository Actions secret X in octo-org/app failed: GitHub answered 499.");
    });
  });
});

/*
 * A refusal explained through the provider's methods, without the value or the token, and an
 * API that cannot be reached.
 */

describe("failure explanations: a refusal or an unreachable API, without the value or the token", () => {
  // A second of waiting (retry backoff, retry-after) lasts 20 ms here.
  beforeEach(() => configureProvider({}, { secondMs: 20 }));

  const news = { owner: "octo-org", repository: "app", secretName: "X", value: "the-plaintext-value" };

  const explained: [string, () => void, RegExp][] = [
    ["a missing permission", () => emulator().injectFault(faults.missingPermission({ method: "PUT" })), /may not manage this: a classic token needs the `repo` scope/],
    ["an unknown repository", () => {}, /not found \(404\): the repository does not exist, or the token cannot see it/],
    ["a conflict", () => emulator().injectFault({ method: "PUT", status: 409 }), /conflict \(409\)/],
  ];
  for (const [what, arrange, message] of explained) {
    it(`explains ${what} without the value or the token`, async () => {
      arrange();
      const target = what === "an unknown repository" ? { ...news, repository: "nope" } : news;
      await assert.rejects(createVia("actions-repository-secret", target), (error: Error) => {
        assert.match(error.message, message);
        assert.ok(!error.message.includes("the-plaintext-value"));
        assert.ok(!error.message.includes(emulator().token));
        return true;
      });
    });
  }

  // A rate limit that outlasts githubSecrets:maxRateLimitWaitSeconds: test/github/rate-limit-waits.test.ts.

  it("explains an unreachable API", async () => {
    await configureProvider({ "github:baseUrl": "http://127.0.0.1:9" }, { secondMs: 20 });
    await assert.rejects(createVia("actions-repository-secret", news), /could not reach the GitHub API at http:\/\/127\.0\.0\.1:9/);
  });
});
