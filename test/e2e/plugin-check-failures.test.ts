import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type GitHubEmulator } from "../../emulator";
import { MAX_VALUE_BYTES } from "../../provider/lifecycle/input-rules";
import { pluginDir } from "./plugin-projects";
import { assertNoPlaintext, configurePluginForEmulator, removeDir, requirePulumiCli, workspaceFor } from "./support";

/*
 * The engine prints a failed check with the whole input of the property it names, even a
 * secret. On the plugin's path as on the dynamic resources', no failure about a value may name
 * the property: each preview must fail naming the rule, send no request and print no value.
 * The values are `fn::secret` literals of a Pulumi YAML program, not stack configuration, which
 * the engine would mask by itself and so hide a leak. The engine stops at the first failed
 * check, so each case is a preview of its own.
 */

const marker = () => `leak-${randomBytes(12).toString("hex")}`;
const oversized = (m: string) => m + "x".repeat(MAX_VALUE_BYTES + 1 - m.length);

interface Case {
  readonly name: string;
  readonly resource: string;
  readonly plaintexts: readonly string[];
  readonly reason: RegExp;
}

function cases(): Case[] {
  const [a, b, c, d, e] = [marker(), marker(), marker(), marker(), marker()];
  return [
    {
      name: "oversizedSecret",
      resource: `type: github-secrets:index:RepoSecret\n    properties:\n      repository: app\n      secretName: TOO_BIG\n      value:\n        fn::secret: ${oversized(a)}`,
      plaintexts: [a],
      reason: /`value` is 49153 bytes; GitHub allows at most 49152 bytes \(48 KB\)/,
    },
    {
      name: "twoValues",
      resource: `type: github-secrets:index:OrgSecret\n    properties:\n      secretName: TWO_VALUES\n      value:\n        fn::secret: ${b}\n      valueEncrypted:\n        fn::secret: ${c}\n      keyId: "1"`,
      plaintexts: [b, c],
      reason: /exactly one of `value` \(plaintext, sealed by this provider\), `valueEncrypted`/,
    },
    {
      name: "oversizedVariable",
      resource: `type: github-secrets:index:OrgVariable\n    properties:\n      variableName: TOO_BIG\n      value:\n        fn::secret: ${oversized(d)}`,
      plaintexts: [d],
      reason: /`value` is 49153 bytes; GitHub allows at most 49152 bytes \(48 KB\)/,
    },
    {
      name: "malformedSealedValue",
      resource: `type: github-secrets:index:CodespacesSecret\n    properties:\n      user: true\n      secretName: MALFORMED\n      valueEncrypted:\n        fn::secret: ${e}!\n      keyId: "1"`,
      plaintexts: [e],
      reason: /`valueEncrypted` must be standard base64 \(not URL-safe\) of a libsodium sealed box/,
    },
  ];
}

describe("the provider plugin's failed checks", function () {
  this.timeout(300_000);
  let github: GitHubEmulator;
  let workDir: string;

  before(async () => {
    requirePulumiCli();
    github = await startEmulator({ port: 0 });
    workDir = mkdtempSync(path.join(os.tmpdir(), "github-secrets-plugin-checks-"));
  });
  after(async () => {
    await github?.close();
    if (workDir) removeDir(workDir);
  });

  for (const failure of cases()) {
    it(`fails the preview of ${failure.name} naming the rule, with no request and no value shown`, async () => {
      const projectDir = path.join(workDir, failure.name);
      const program = `name: plugin-checks\nruntime: yaml\nresources:\n  ${failure.name}:\n    ${failure.resource}\nplugins:\n  providers:\n    - name: github-secrets\n      path: ${pluginDir}\n`;
      mkdirSync(projectDir, { recursive: true });
      writeFileSync(path.join(projectDir, "Pulumi.yaml"), program);
      const context = workspaceFor(projectDir, `github-secrets-plugin-check-${failure.name}`);
      try {
        await context.workspace.selectOrInitStack("checks");
        await configurePluginForEmulator(context.workspace, github);
        github.clearRequests();
        const preview = await context.workspace.run(["preview"], { allowFailure: true });
        const output = (preview.stdout + preview.stderr).replace(/\s+/g, " ");
        assert.notEqual(preview.code, 0);
        assert.match(output, new RegExp(`resource '${failure.name}' has a problem: ${failure.reason.source}`), output.slice(0, 3000));
        assert.deepEqual(github.requests, [], "no request before the check passes");
        await assertNoPlaintext(context, failure.plaintexts, failure.name);
      } finally {
        removeDir(context.stateDir);
      }
    });
  }
});
