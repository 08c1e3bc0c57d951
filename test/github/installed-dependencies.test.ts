import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { emulator } from "../support/root-hooks";

/*
 * What runs is what npm installed: the built provider loads every third-party module from
 * node_modules, where `npm ls`, `npm audit`, Dependabot and `overrides` see and patch it. A
 * separate process runs the built provider's whole write path (configure, check, create: the
 * HTTP stack, its plugins and the cipher) against the emulator and records, through Node's
 * module hooks, the file of every module it loads, CommonJS and ES modules alike.
 */

const root = path.resolve(__dirname, "..", "..");
const dist = path.join(root, "dist", "provider");
// Node reports a module by its real path: under StrykerJS, node_modules is a link out of the sandbox.
const nodeModules = realpathSync(path.join(root, "node_modules"));

const child = `
const { registerHooks } = require("node:module");
const loaded = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    if (result.url.startsWith("file:")) loaded.add(result.url);
    return result;
  },
});
const operations = require(${JSON.stringify(path.join(dist, "operations.js"))});
const news = { owner: "octo-org", repository: "app", secretName: "FROM_NODE_MODULES", value: "the-installed-plaintext" };
(async () => {
  const { inputs } = await operations.check("actions-repository-secret", {}, news);
  await operations.create("actions-repository-secret", inputs);
  process.stdout.write(JSON.stringify([...loaded]));
})().catch((error) => { process.stderr.write(String(error)); process.exit(1); });
`;

/** The directories of the packages `npm ls` reports for an install of this package: its dependencies and peers, all the way down. */
function packagesNpmLists(): string[] {
  const parseable = execFileSync("npm", ["ls", "--all", "--parseable", "--omit=dev"], { cwd: root, encoding: "utf8" });
  return parseable.split("\n").filter((dir) => dir.includes(`${path.sep}node_modules${path.sep}`)).map((dir) => realpathSync(dir));
}

/** The package directory a file under node_modules belongs to. */
function packageDirOf(file: string): string {
  const match = file.match(/^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//);
  assert.ok(match, `${file} is not under node_modules`);
  return match[1]!;
}

describe("installed dependencies: the built provider runs what npm installed", function () {
  this.timeout(60_000);
  let files: string[];
  /** What the emulator held after the child's create (the root hooks reset it before each test). */
  let written: string | undefined;

  before(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", child], {
      env: { PATH: process.env.PATH, GITHUB_TOKEN: emulator().token, GITHUB_API_URL: emulator().url },
    });
    files = (JSON.parse(stdout) as string[]).map((url) => fileURLToPath(url));
    written = emulator().getSecret({ app: "actions", owner: "octo-org", repo: "app" }, "FROM_NODE_MODULES")?.value;
  });

  it("writes through the built write path", () => {
    assert.equal(written, "the-installed-plaintext");
  });

  it("loads the HTTP stack and the cipher from node_modules", () => {
    for (const name of ["@octokit/rest", "@octokit/plugin-retry", "@octokit/plugin-throttling", "bottleneck", "tweetnacl", "tweetnacl-sealedbox-js"]) {
      const dir = path.join(nodeModules, name) + path.sep;
      assert.ok(files.some((file) => file.startsWith(dir)), `nothing loaded from ${dir}`);
    }
  });

  it("loads nothing third-party that npm ls does not report", () => {
    const listed = new Set(packagesNpmLists());
    const fromNodeModules = [...new Set(files.filter((file) => file.includes("/node_modules/")).map(packageDirOf))];
    assert.ok(fromNodeModules.length > 0);
    assert.deepEqual(fromNodeModules.filter((dir) => !listed.has(dir)), []);
  });

  it("loads from dist/provider only what tsc compiled from provider/", () => {
    const ours = files.filter((file) => !file.includes("/node_modules/"));
    assert.ok(ours.length > 0);
    for (const file of ours) {
      assert.ok(file.startsWith(dist + path.sep), `loaded from outside node_modules and dist/provider: ${file}`);
      const source = path.join(root, "provider", path.relative(dist, file)).replace(/\.js$/, ".ts");
      assert.ok(existsSync(source), `${file} has no source in provider/`);
    }
  });

  it("ships in dist/provider nothing but tsc's output of provider/", () => {
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
    const strays = walk(dist).filter((file) => !existsSync(path.join(root, "provider", path.relative(dist, file)).replace(/\.(js|d\.ts|js\.map|d\.ts\.map)$/, ".ts")));
    assert.deepEqual(strays, []);
  });
});
