import assert from "node:assert/strict";
import { explainFailure } from "../provider/github/failure-advice";
import { provider as operations } from "./support/deployment";
import { scopeFor } from "../provider/scopes";
import type { ScopeKey } from "../provider/types";
import { configureProvider } from "./support/configure-provider";
import { createVia, updateVia } from "./support/lifecycle";
import { emulator } from "./support/root-hooks";
import { scopeFixtures } from "./support/scope-fixtures";

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

describe("failures explained, for every scope", () => {
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
