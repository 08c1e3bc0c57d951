import assert from "node:assert/strict";
import { startOperation } from "../../provider/lifecycle/item-operation";
import { deployment } from "../support/deployment";
import type { ResolvedInputs } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { withEnvironment } from "../support/environment";

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
