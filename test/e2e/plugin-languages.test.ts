import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmulator, type Container, type GitHubEmulator } from "../../emulator";
import { PulumiWorkspace } from "../../scripts/lib/pulumi-cli";
import { preparePluginProject, type PluginLanguage } from "./plugin-projects";
import { assertNoPlaintext, configurePluginForEmulator, removeDir, requirePulumiCli, workspaceFor } from "./support";

/*
 * The provider plugin through the real CLI, once per language, each on its real language host:
 * the same stack of five items (a repository secret, an environment secret, an organization
 * secret with selected repositories, a variable, and a secret read from the environment by
 * `valueFrom`), checked in the emulator by decrypting each value; a no-change preview that
 * sends nothing; one changed value, one write; a refresh that fails on drift; destroy. After
 * every step the state, every file of the backend, `stack export --show-secrets` and all output
 * are searched for the values and the token. The YAML run also imports an existing variable
 * and secret.
 */

const REPO: Container = { app: "actions", owner: "octo-org", repo: "app" };
const PRODUCTION: Container = { app: "actions", owner: "octo-org", repo: "app", environment: "production" };
const ORG: Container = { app: "actions", org: "octo-org" };
const STACK = "plugin-e2e";
/** The writes the emulator answered since its log was last cleared, as `METHOD path`. */
const writesTo = (github: GitHubEmulator) => github.findRequests().filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
const fresh = (label: string) => `${label}-${randomBytes(9).toString("base64url")}`;

/** `stack export --show-secrets` without the provider's own inputs and outputs, which are where Pulumi keeps every provider's configuration. */
function decryptedStateBesideProviderConfiguration(exported: string): string {
  const state = JSON.parse(exported) as { deployment: { resources?: { type: string; inputs?: unknown; outputs?: unknown }[] } };
  for (const resource of state.deployment.resources ?? []) {
    if (resource.type === "pulumi:providers:github-secrets") delete resource.inputs, delete resource.outputs;
  }
  return JSON.stringify(state);
}

for (const language of ["yaml", "python", "go"] as const satisfies readonly PluginLanguage[]) {
  describe(`the provider plugin from a ${language === "yaml" ? "Pulumi YAML" : language === "python" ? "Python" : "Go"} program`, function () {
    // Cold: the SDK generated and installed, a Go program compiled; each later command starts the plugin.
    this.timeout(600_000);
    let github: GitHubEmulator;
    let context: ReturnType<typeof workspaceFor>;
    let projectDir: string;
    const values = { repoValue: fresh("repo"), environmentValue: fresh("environment"), orgValue: fresh("org"), variableValue: fresh("variable") };
    const sourced = fresh("sourced");

    before(async function () {
      requirePulumiCli();
      github = await startEmulator({ port: 0 });
      projectDir = preparePluginProject(language, process.env);
      context = workspaceFor(projectDir, `github-secrets-plugin-${language}`);
      Object.assign(context.workspace.options, { env: { DEPLOY_KEY: sourced } });
      await context.workspace.selectOrInitStack(STACK);
      await configurePluginForEmulator(context.workspace, github);
      for (const [key, value] of Object.entries(values)) await context.workspace.setConfig(key, value, { secret: key !== "variableValue" });
    });

    after(async () => {
      await context?.workspace.run(["destroy", "--yes"], { allowFailure: true });
      if (context) removeDir(context.stateDir);
      if (projectDir) removeDir(path.dirname(projectDir));
      await github?.close();
    });

    /** Nothing in plaintext anywhere: the values and the token, and in the decrypted export, what never enters the state. */
    async function assertNothingLeaked(step: string, plaintexts: readonly string[] = Object.values(values).filter((v) => v !== values.variableValue)) {
      await assertNoPlaintext(context, [...plaintexts, sourced, github.token], step);
      // Run outside the recorded commands: its output holds the decrypted values by design.
      const exported = await new PulumiWorkspace(context.workspace.options).run(["stack", "export", "--show-secrets"]);
      const decrypted = decryptedStateBesideProviderConfiguration(exported.stdout);
      for (const secret of [sourced, github.token]) assert.ok(!decrypted.includes(secret), `${step}: ${secret.slice(0, 4)}… in the decrypted state`);
    }

    it("creates all five items, each value as the program gave it", async () => {
      await context.workspace.run(["up", "--yes", "--skip-preview"]);
      assert.equal(github.getSecret(REPO, "PLUGIN_REPO_SECRET")?.value, values.repoValue);
      assert.equal(github.getSecret(PRODUCTION, "PLUGIN_ENVIRONMENT_SECRET")?.value, values.environmentValue);
      const org = github.getSecret(ORG, "PLUGIN_ORG_SECRET");
      assert.equal(org?.value, values.orgValue);
      assert.equal(org?.visibility, "selected");
      assert.deepEqual([...(org?.selectedRepositoryIds ?? [])].sort(), [1001, 1002]);
      assert.equal(github.getVariable(REPO, "PLUGIN_VARIABLE")?.value, values.variableValue);
      assert.equal(github.getSecret(PRODUCTION, "PLUGIN_SOURCED_SECRET")?.value, sourced);
      await assertNothingLeaked("after up");
    });

    it("previews no change, sending no request", async () => {
      github.clearRequests();
      await context.workspace.run(["preview", "--expect-no-changes"]);
      assert.deepEqual(github.requests.map((r) => `${r.method} ${r.path}`), []);
      await assertNothingLeaked("after preview");
    });

    it("writes one changed value with exactly one write", async () => {
      const changed = fresh("repo-changed");
      await context.workspace.setConfig("repoValue", changed, { secret: true });
      github.clearRequests();
      await context.workspace.run(["up", "--yes", "--skip-preview"]);
      assert.deepEqual(writesTo(github), ["PUT /repos/octo-org/app/actions/secrets/PLUGIN_REPO_SECRET"]);
      assert.equal(github.getSecret(REPO, "PLUGIN_REPO_SECRET")?.value, changed);
      await assertNothingLeaked("after a change", [...Object.values(values), changed].filter((v) => v !== values.variableValue));
    });

    it("fails refresh on a variable changed elsewhere under onDrift: fail, naming it", async () => {
      github.putVariableBehindBack(REPO, "PLUGIN_VARIABLE", "changed by hand");
      const refresh = await context.workspace.run(["refresh", "--yes"], { allowFailure: true });
      assert.notEqual(refresh.code, 0);
      assert.match(refresh.stdout + refresh.stderr, /PLUGIN_VARIABLE/);
      await assertNothingLeaked("after a failed refresh");
    });

    if (language === "yaml") {
      it("imports an existing variable with its value and a secret by name; the next up writes the secret once, and says why", async () => {
        github.putVariableBehindBack(REPO, "IMPORTED_VARIABLE", "kept by hand");
        github.putSecretBehindBack(REPO, "IMPORTED_SECRET", "old value by hand");
        await context.workspace.run(["import", "github-secrets:index:RepoVariable", "importedVariable", "/repos/octo-org/app/actions/variables/IMPORTED_VARIABLE", "--yes", "--protect=false"]);
        await context.workspace.run(["import", "github-secrets:index:RepoSecret", "importedSecret", "/repos/octo-org/app/actions/secrets/IMPORTED_SECRET", "--yes", "--protect=false"]);
        const state = JSON.parse(await context.workspace.exportState()) as { deployment: { resources: { urn: string; outputs?: Record<string, unknown> }[] } };
        const imported = (name: string) => state.deployment.resources.find((r) => r.urn.endsWith(`::${name}`))?.outputs;
        assert.equal(imported("importedVariable")?.value, "kept by hand");
        assert.equal(imported("importedSecret")?.secretName, "IMPORTED_SECRET");
        assert.equal(imported("importedSecret")?.value, undefined, "a secret's value cannot be read");

        const importedValue = fresh("imported");
        await context.workspace.setConfig("importedValue", importedValue, { secret: true });
        const program = readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8").replace(
          "resources:\n",
          "resources:\n  importedVariable:\n    type: github-secrets:index:RepoVariable\n    properties:\n      repository: app\n      variableName: IMPORTED_VARIABLE\n      value: kept by hand\n" +
            "  importedSecret:\n    type: github-secrets:index:RepoSecret\n    properties:\n      repository: app\n      secretName: IMPORTED_SECRET\n      value: ${importedValue}\n",
        );
        writeFileSync(path.join(projectDir, "Pulumi.yaml"), program.replace("config:\n", "config:\n  importedValue:\n    type: string\n    secret: true\n"));
        github.putVariableBehindBack(REPO, "PLUGIN_VARIABLE", values.variableValue);
        const preview = await context.workspace.run(["preview", "--diff"]);
        assert.match((preview.stdout + preview.stderr).replace(/\s+/g, " "), /the state holds no value for this repository Actions secret: it was imported/, preview.stdout + preview.stderr);
        github.clearRequests();
        await context.workspace.run(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(writesTo(github), ["PUT /repos/octo-org/app/actions/secrets/IMPORTED_SECRET"]);
        assert.equal(github.getSecret(REPO, "IMPORTED_SECRET")?.value, importedValue);
        await assertNothingLeaked("after import", [...Object.values(values), importedValue].filter((v) => v !== values.variableValue));
      });
    }

    it("destroys every item", async () => {
      await context.workspace.run(["destroy", "--yes"]);
      assert.deepEqual([...github.listSecrets(REPO), ...github.listSecrets(PRODUCTION), ...github.listSecrets(ORG)].map((s) => s.name), []);
      assert.deepEqual(github.listVariables(REPO).map((v) => v.name), []);
      await assertNothingLeaked("after destroy");
    });
  });
}
