import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { RepoSecret } from "pulumi-github-secrets";
import { startEmulator, type GitHubEmulator } from "pulumi-github-secrets/emulator";

// The program under test (in your project: import it from your Pulumi program's module).
function program(): void {
  new RepoSecret("db", { owner: "octo-org", repository: "app", secretName: "DATABASE_PASSWORD", value: pulumi.secret("s3cret-for-tests") });
}

describe("my infrastructure, offline", function () {
  this.timeout(180_000);
  let github: GitHubEmulator;

  before(async () => {
    github = await startEmulator(); // octo-org with app, api and web; octocat with dotfiles
  });
  after(() => github.close());

  it("puts the database password into octo-org/app", async () => {
    const state = mkdtempSync(path.join(tmpdir(), "pulumi-state-"));
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "test", projectName: "my-infrastructure", program: async () => program() },
      { envVars: { PULUMI_BACKEND_URL: `file://${state}`, PULUMI_CONFIG_PASSPHRASE: "test", PULUMI_HOME: state } },
    );
    await stack.setAllConfig({
      "github:token": { value: github.token, secret: true },
      "github:baseUrl": { value: github.url },
      "githubSecrets:writeIntervalMs": { value: "0" },
    });
    await stack.up();

    const secret = github.getSecret({ app: "actions", owner: "octo-org", repo: "app" }, "DATABASE_PASSWORD");
    assert.equal(secret?.value, "s3cret-for-tests"); // decrypted by the emulator
  });
});
