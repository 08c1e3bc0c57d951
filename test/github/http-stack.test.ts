import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { emulator } from "../support/root-hooks";

/*
 * The built package loads its HTTP stack (@octokit/rest, plugin-retry, plugin-throttling,
 * Bottleneck) from one bundled file, dist/provider/http-stack.js: from node_modules those
 * packages cost every reading or writing command 100–150 ms of module loading
 * (provider/http-stack.ts). A separate process, in which requiring any of them fails, loads
 * the built read and write paths and sends a request through the client they use.
 */

const dist = path.resolve(__dirname, "..", "..", "dist", "provider");
const BUNDLED = ["@octokit/rest", "@octokit/plugin-retry", "@octokit/plugin-throttling", "bottleneck"];

const child = `
const Module = require("node:module");
const bundled = ${JSON.stringify(BUNDLED)};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (bundled.some((name) => request === name || request.startsWith(name + "/"))) throw new Error("loaded from node_modules: " + request);
  return resolve.call(this, request, ...rest);
};
const dist = ${JSON.stringify(dist)};
require(dist + "/lifecycle/read.js");
require(dist + "/lifecycle/write.js");
const { Deployment } = require(dist + "/deployment/deployment.js");
const [baseUrl, token] = process.argv.slice(1);
new Deployment({ baseUrl, token, writeIntervalMs: 0, maxRateLimitWaitSeconds: 1 })
  .clients.api.request("GET /repos/{owner}/{repo}/actions/secrets/public-key", { owner: "octo-org", repo: "app" })
  .then((response) => process.stdout.write(JSON.stringify({ status: response.status, keyId: response.data.key_id })));
`;

describe("HTTP stack: the built package loads its bundle, with the bundled licences", () => {
  it("loads from the bundle, not from node_modules, and sends requests", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", child, emulator().url, emulator().token], { env: { PATH: process.env.PATH } });
    const result = JSON.parse(stdout) as { status: number; keyId: string };
    assert.equal(result.status, 200);
    assert.equal(result.keyId, emulator().publicKey({ app: "actions", owner: "octo-org", repo: "app" }).keyId);
  });

  it("ships the licence of every bundled package beside the bundle", () => {
    const notices = readFileSync(path.join(dist, "github", "http-stack.LICENSES.txt"), "utf8");
    for (const name of BUNDLED) assert.match(notices, new RegExp(`^${name.replace("/", "\\/")} \\d+\\.\\d+\\.\\d+ \\(`, "m"), name);
    assert.equal(existsSync(path.join(dist, "github", "http-stack.js.map")), false, "a source map of the file before bundling");
  });
});
