import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PulumiWorkspace } from "../../scripts/lib/pulumi-cli";
import { pythonVirtualenv, useGoSdkModule } from "./language-toolchain";
import { removeDir, requirePulumiCli } from "./support";

/*
 * The Python, Go and YAML language hosts and SDKs of scripts/toolchain/ensure-language-hosts.sh
 * through the real CLI: a program in each language with no resources and one stack output,
 * `pulumi up` on a local file backend, then `pulumi stack output`. The CLI finds each host as
 * `pulumi-language-<runtime>` on PATH, so a missing host fails its test.
 */

interface LanguageProgram {
  runtime: string;
  /** Pulumi.yaml's `runtime` (and anything else), below `name:`. */
  projectYaml: () => string;
  /** The program's files, by name. */
  files: () => Record<string, string>;
  /** Anything else the project directory needs. */
  prepare?: (projectDir: string) => void;
  /** Extra environment for the CLI. */
  env?: NodeJS.ProcessEnv;
}

const programs: LanguageProgram[] = [
  {
    runtime: "yaml",
    projectYaml: () => "runtime: yaml\noutputs:\n  greeting: hello from yaml\n",
    files: () => ({}),
  },
  {
    runtime: "python",
    // The host runs the virtualenv's python; without `virtualenv` it runs python3 from PATH.
    projectYaml: () => `runtime:\n  name: python\n  options:\n    virtualenv: ${JSON.stringify(pythonVirtualenv())}\n`,
    files: () => ({ "__main__.py": 'import pulumi\n\npulumi.export("greeting", "hello from python")\n' }),
  },
  {
    runtime: "go",
    projectYaml: () => "runtime: go\n",
    files: () => ({
      "main.go": [
        "package main",
        "",
        'import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"',
        "",
        "func main() {",
        "\tpulumi.Run(func(ctx *pulumi.Context) error {",
        '\t\tctx.Export("greeting", pulumi.String("hello from go"))',
        "\t\treturn nil",
        "\t})",
        "}",
        "",
      ].join("\n"),
    }),
    prepare: useGoSdkModule,
    // The SDK must come from the caches ensure-language-hosts.sh warmed: no proxy, no go.sum edits.
    env: { GOPROXY: "off", GOFLAGS: "-mod=readonly" },
  },
];

describe("end to end: the Python, Go and YAML language hosts", function () {
  // A Go program compiles on its first run; on a loaded 2-core machine that takes minutes.
  this.timeout(600_000);

  before(requirePulumiCli);

  for (const program of programs) {
    describe(`a ${program.runtime} program`, function () {
      const stack = `e2e-${program.runtime}-${process.pid}`;
      let projectDir: string | undefined;
      let workspace: PulumiWorkspace | undefined;

      after(async function () {
        await workspace?.run(["stack", "rm", "--yes", "--force", stack], { allowFailure: true });
        if (projectDir) removeDir(projectDir);
        if (workspace) removeDir(workspace.options.stateDir);
      });

      it("deploys with the real CLI and shows its stack output", async function () {
        projectDir = mkdtempSync(path.join(os.tmpdir(), `github-secrets-e2e-${program.runtime}-`));
        writeFileSync(path.join(projectDir, "Pulumi.yaml"), `name: greeting-${program.runtime}\n${program.projectYaml()}`);
        for (const [name, text] of Object.entries(program.files())) writeFileSync(path.join(projectDir, name), text);
        program.prepare?.(projectDir);
        const stateDir = mkdtempSync(path.join(os.tmpdir(), `github-secrets-e2e-${program.runtime}-state-`));
        workspace = new PulumiWorkspace({ projectDir, stateDir, passphrase: "e2e-passphrase", env: program.env });

        await workspace.run(["stack", "init", stack]);
        await workspace.run(["up", "--yes", "--skip-preview", "--stack", stack]);
        const output = await workspace.run(["stack", "output", "greeting", "--stack", stack]);
        assert.equal(output.stdout.trim(), `hello from ${program.runtime}`);
      });
    });
  }
});
