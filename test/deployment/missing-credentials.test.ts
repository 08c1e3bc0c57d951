import assert from "node:assert/strict";
import { startOperation } from "../../provider/lifecycle/item-operation";
import { deployment, provider as operations } from "../support/deployment";
import type { ResolvedInputs } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { withEnvironment } from "../support/environment";
import type { Container } from "../../emulator";
import { createVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";

/*
 * An operation without any credential stops before a request, with the whole list of ways to
 * give one (a token or an App, in the stack or the environment). Only a delete or a read, which
 * run with the configuration recorded at the last `pulumi up`, add how to record a new one.
 */

const NO_CREDENTIALS = { GITHUB_TOKEN: undefined, GH_TOKEN: undefined, GITHUB_APP_ID: undefined, GITHUB_APP_INSTALLATION_ID: undefined, GITHUB_APP_PEM_FILE: undefined };
const props: ResolvedInputs = { owner: "octo-org", repository: "app", secretName: "NO_TOKEN", value: "v" };
const WAYS =
  "needs a GitHub token or App: run `pulumi config set --secret github:token …` (or set GITHUB_TOKEN or GH_TOKEN), " +
  "or configure a GitHub App with github:appAuth (or GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID, GITHUB_APP_PEM_FILE)";
const STALE =
  ". If the stack configuration holds one now: this command runs with the configuration recorded at the last `pulumi up` " +
  "(Pulumi configures the provider of a delete or refresh from the state), so run `pulumi up` first to record it, " +
  "or set GITHUB_TOKEN for this command";

const messageOf = (action: string) => {
  try {
    startOperation(deployment(), "actions-repository-secret", props, action);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`${action} began without a credential`);
};

describe("missing credentials: an operation without a token or App stops before any request", () => {
  it("names every way to give one; only deleting and reading explain the configuration of the last up", () =>
    withEnvironment(NO_CREDENTIALS, async () => {
      await configureProvider({ "github:token": undefined });
      for (const action of ["creating", "updating"]) {
        assert.equal(messageOf(action), `${action[0]!.toUpperCase()}${action.slice(1)} repository Actions secret NO_TOKEN in octo-org/app ${WAYS}`);
      }
      assert.equal(messageOf("deleting"), `Deleting repository Actions secret NO_TOKEN in octo-org/app ${WAYS}${STALE}`);
      assert.equal(messageOf("reading"), `Reading repository Actions secret NO_TOKEN in octo-org/app ${WAYS}${STALE}`);
    }));
});

/*
 * The same through the provider's methods: a write without a token stops before any request,
 * and a destroy or refresh explains the configuration of the last up.
 */

describe("missing credentials: a write, a destroy and a refresh through the provider's methods", () => {
  beforeEach(() => configureProvider());

  const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };

  it("refuses to write without a token, before any request", async () => {
    await withEnvironment({ GITHUB_TOKEN: undefined, GH_TOKEN: undefined }, async () => {
      await configureProvider({ "github:token": undefined });
      await assert.rejects(createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "X", value: "v" }), (error: Error) => {
        assert.match(error.message, /needs a GitHub token.*github:token.*GITHUB_TOKEN/);
        assert.doesNotMatch(error.message, /recorded at the last/, "an up sees the current configuration");
        return true;
      });
      assert.equal(emulator().requests.length, 0);
    });
  });

  it("explains a destroy or refresh without a token: the configuration of the last up, and what to do", async () => {
    const { id, outs } = await createVia("actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "KEPT", value: "v" });
    emulator().clearRequests();
    await withEnvironment({ GITHUB_TOKEN: undefined, GH_TOKEN: undefined }, async () => {
      // What the engine hands a destroy after the token moved from GITHUB_TOKEN into github:token.
      await configureProvider({ "github:token": undefined });
      const explained = (error: Error) => {
        assert.match(error.message, /^Deleting|^Reading/);
        assert.match(error.message, /needs a GitHub token or App/);
        assert.match(error.message, /this command runs with the configuration recorded at the last `pulumi up` \(Pulumi configures the provider of a delete or refresh from the state\)/);
        assert.match(error.message, /run `pulumi up` first to record it, or set GITHUB_TOKEN for this command/);
        return true;
      };
      await assert.rejects(operations.delete("actions-repository-secret", id, outs), explained);
      await assert.rejects(operations.read("actions-repository-secret", id, outs), explained);
    });
    assert.equal(emulator().requests.length, 0);
    assert.equal(emulator().getSecret(REPO, "KEPT")?.value, "v", "nothing deleted");
  });
});
