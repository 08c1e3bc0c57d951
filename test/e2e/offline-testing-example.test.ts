import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { repositoryRoot, requirePulumiCli } from "./support";

/*
 * The docs' example of testing your own Pulumi program offline is a real file, run here as a
 * user would run it (its own mocha process, the package by its name), and quoted verbatim in
 * emulator/README.md (the guide the README points testers to), so the two cannot drift apart.
 */

const example = path.join(repositoryRoot, "examples", "offline-testing", "infrastructure.test.ts");

describe("end to end: the documented offline testing example", function () {
  this.timeout(300_000);

  it("is quoted in emulator/README.md exactly, and the README links to it", () => {
    const guide = readFileSync(path.join(repositoryRoot, "emulator", "README.md"), "utf8");
    assert.ok(guide.includes(readFileSync(example, "utf8")), "emulator/README.md does not quote examples/offline-testing/infrastructure.test.ts verbatim");
    const readme = readFileSync(path.join(repositoryRoot, "README.md"), "utf8");
    assert.ok(readme.includes("](examples/offline-testing/infrastructure.test.ts)"), "README.md does not link the example");
  });

  it("passes with mocha against the emulator", () => {
    requirePulumiCli();
    const run = spawnSync("npx", ["mocha", "--no-config", "--node-option", "import=tsx", "--timeout", "180000", example], { cwd: repositoryRoot, encoding: "utf8" });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /1 passing/);
  });
});
