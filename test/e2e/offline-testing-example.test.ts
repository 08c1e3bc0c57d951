import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { repositoryRoot, requirePulumiCli } from "./support";

/*
 * The README's example of testing your own Pulumi program offline is a real file, run here as a
 * user would run it (its own mocha process, the package by its name), and quoted in the README
 * verbatim, so that the two cannot drift apart.
 */

const example = path.join(repositoryRoot, "examples", "offline-testing", "infrastructure.test.ts");

describe("end to end: the README's offline testing example", function () {
  this.timeout(300_000);

  it("is quoted in the README exactly", () => {
    const readme = readFileSync(path.join(repositoryRoot, "README.md"), "utf8");
    assert.ok(readme.includes(readFileSync(example, "utf8")), "README.md does not quote examples/offline-testing/infrastructure.test.ts verbatim");
  });

  it("passes with mocha against the emulator", () => {
    requirePulumiCli();
    const run = spawnSync("npx", ["mocha", "--no-config", "--node-option", "import=tsx", "--timeout", "180000", example], { cwd: repositoryRoot, encoding: "utf8" });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /1 passing/);
  });
});
