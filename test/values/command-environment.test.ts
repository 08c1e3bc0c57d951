import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readSource } from "../../provider/values/value-sources";
import { commandEnvironment, CREDENTIAL_VARIABLES } from "../../provider/values/command-environment";
import { deployment, newProviderProcess, startDeployment } from "../support/deployment";
import { withEnvironment } from "../support/environment";
import { nodeCommand } from "../support/value-source-commands";

/*
 * What a `valueFrom` command sees of the provider's environment: everything a password
 * manager's CLI needs, none of the credentials the provider and the engine hold (by name, and
 * under any other name holding the same value), except the names the program passes on purpose.
 */

/** The environment a command got, as it printed it. */
async function environmentSeen(passEnvironment?: string[]): Promise<Record<string, string>> {
  const source = { ...nodeCommand("process.stdout.write(JSON.stringify(process.env))"), ...(passEnvironment ? { passEnvironment } : {}) };
  return JSON.parse(await readSource(deployment(), source)) as Record<string, string>;
}

const token = "ghp_commandEnvironmentToken0123456789";
const passphrase = "stack-passphrase-for-the-command-test";
const credentials = {
  GITHUB_TOKEN: token,
  GH_TOKEN: token,
  GITHUB_APP_ID: "12345",
  GITHUB_APP_INSTALLATION_ID: "678",
  GITHUB_APP_PEM_FILE: "not-a-pem-in-this-test",
  PULUMI_CONFIG_PASSPHRASE: passphrase,
  PULUMI_CONFIG_PASSPHRASE_FILE: "/run/secrets/pulumi-passphrase",
  PULUMI_ACCESS_TOKEN: "pul-access-token-for-the-command-test",
  PULUMI_BACKEND_URL: "postgres://pulumi:backend-password-for-the-command-test@db.example/state",
  PULUMI_CONFIG: JSON.stringify({ "github:token": token, "app:dbPassword": "config-secret-in-plaintext" }),
  PULUMI_CONFIG_SECRET_KEYS: '["github:token"]',
};

describe("valueFrom commands: the environment, without the provider's and the engine's credentials", () => {
  beforeEach(() => newProviderProcess());

  it("removes every credential variable by name and keeps the rest (PATH, the tool's own settings)", async () => {
    assert.deepEqual([...CREDENTIAL_VARIABLES].sort(), Object.keys(credentials).sort(), "the list this test covers");
    const seen = await withEnvironment({ ...credentials, VAULT_ADDR: "https://vault.example" }, () => environmentSeen());
    for (const name of Object.keys(credentials)) assert.equal(seen[name], undefined, `${name} reaches the command`);
    assert.equal(seen.VAULT_ADDR, "https://vault.example");
    assert.equal(seen.PATH, process.env.PATH);
    const text = JSON.stringify(seen);
    for (const secret of [token, passphrase, credentials.PULUMI_ACCESS_TOKEN, "backend-password-for-the-command-test", "config-secret-in-plaintext"]) assert.ok(!text.includes(secret), secret);
  });

  it("removes a variable of any name that holds a credential's value: the token, the passphrase, the configured token", async () => {
    const seen = await withEnvironment(
      { GITHUB_TOKEN: token, PULUMI_CONFIG_PASSPHRASE: passphrase, CI_TOKEN_COPY: token, PASSPHRASE_COPY: ` ${passphrase}\n`, UNRELATED: "kept" },
      () => environmentSeen(),
    );
    assert.deepEqual([seen.CI_TOKEN_COPY, seen.PASSPHRASE_COPY, seen.UNRELATED], [undefined, undefined, "kept"]);

    // A token from the stack configuration (github:token) is never in the environment by name.
    const configured = "ghp_fromStackConfiguration0123456789";
    startDeployment({ "github:token": configured });
    const fromStack = await withEnvironment({ MY_GITHUB_COPY: configured }, () => environmentSeen());
    assert.equal(fromStack.MY_GITHUB_COPY, undefined);
  });

  it("removes a copy of the App's private key, with line breaks or with \\n escapes", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    startDeployment({ "github:appAuth": { id: "1", installationId: "2", pemFile: pem } });
    const seen = await withEnvironment({ KEY_COPY: pem, ESCAPED_COPY: pem.trim().replace(/\n/g, "\\n"), OTHER: "kept" }, () => environmentSeen());
    assert.deepEqual([seen.KEY_COPY, seen.ESCAPED_COPY, seen.OTHER], [undefined, undefined, "kept"]);
  });

  it("passes the variables named in `passEnvironment`, and those only", async () => {
    const seen = await withEnvironment(credentials, () => environmentSeen(["GH_TOKEN", "PULUMI_ACCESS_TOKEN"]));
    assert.equal(seen.GH_TOKEN, token);
    assert.equal(seen.PULUMI_ACCESS_TOKEN, credentials.PULUMI_ACCESS_TOKEN);
    assert.equal(seen.GITHUB_TOKEN, undefined, "the same value under a name not passed stays out");
    assert.equal(seen.PULUMI_CONFIG_PASSPHRASE, undefined);
  });

  it("a command with other variables passed is another read, not the cached one", async () => {
    await withEnvironment({ GH_TOKEN: token }, async () => {
      const print = nodeCommand("process.stdout.write(process.env.GH_TOKEN ?? 'none')");
      assert.equal(await readSource(deployment(), print), "none");
      assert.equal(await readSource(deployment(), { ...print, passEnvironment: ["GH_TOKEN"] }), token);
    });
  });

  it("the same variables passed in another order or twice are the same read; other variables are another", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "command-environment-"));
    try {
      // Which of the two credentials the command got, and how many times it has run.
      const runs = path.join(dir, "runs");
      const print = nodeCommand(
        `const fs = require("node:fs"); fs.appendFileSync(${JSON.stringify(runs)}, "x");
         process.stdout.write([process.env.GH_TOKEN, process.env.PULUMI_ACCESS_TOKEN].map((v) => v !== undefined).join() + " run " + fs.readFileSync(${JSON.stringify(runs)}).length)`,
      );
      const read = (passEnvironment: string[]) => readSource(deployment(), { ...print, passEnvironment });
      await withEnvironment({ GH_TOKEN: token, PULUMI_ACCESS_TOKEN: credentials.PULUMI_ACCESS_TOKEN }, async () => {
        assert.equal(await read(["GH_TOKEN"]), "true,false run 1");
        assert.equal(await read(["PULUMI_ACCESS_TOKEN"]), "false,true run 2");
        assert.equal(await read(["PULUMI_ACCESS_TOKEN", "GH_TOKEN", "GH_TOKEN"]), "true,true run 3");
        assert.equal(await read(["GH_TOKEN", "PULUMI_ACCESS_TOKEN"]), "true,true run 3", "the read above, not a fourth run");
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("valueFrom commands: the environment, variable by variable", () => {
  it("keeps empty and blank variables when a credential is empty: an empty value is nobody's secret", () => {
    const env = { GH_TOKEN: "", PULUMI_ACCESS_TOKEN: " ", EMPTY_SETTING: "", BLANK_SETTING: "  ", KEPT: "kept" };
    assert.deepEqual(commandEnvironment(env, ["", undefined]), { EMPTY_SETTING: "", BLANK_SETTING: "  ", KEPT: "kept" });
  });

  it("leaves out a variable that is unset (undefined), passed or not", () => {
    assert.deepEqual(commandEnvironment({ UNSET: undefined, KEPT: "kept" }, [token]), { KEPT: "kept" });
    assert.deepEqual(commandEnvironment({ UNSET: undefined, KEPT: "kept" }, [token], ["UNSET"]), { KEPT: "kept" });
  });
});
