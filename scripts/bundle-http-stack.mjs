// Part of `npm run build`: replaces dist/provider/github/http-stack.js (tsc's output, which requires
// @octokit/rest, its plugins and Bottleneck) with one CommonJS file holding them, and writes
// their licence texts beside it (provider/github/http-stack.ts says why).
import { build } from "esbuild";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const outfile = "dist/provider/github/http-stack.js";
const result = await build({
  entryPoints: [outfile],
  outfile,
  allowOverwrite: true,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  legalComments: "eof",
  metafile: true,
  logLevel: "warning",
});

// Every package a bundled file came from, with the text of its licence.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
  if (match) packages.add(match[1]);
}
const notices = [...packages].sort().map((dir) => {
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  const licenceFile = readdirSync(dir).find((name) => /^licen[cs]e/i.test(name));
  if (!licenceFile) throw new Error(`bundle-http-stack: ${manifest.name} ships no licence file`);
  return `${manifest.name} ${manifest.version} (${manifest.license})\n\n${readFileSync(path.join(dir, licenceFile), "utf8").trim()}\n`;
});
writeFileSync("dist/provider/github/http-stack.LICENSES.txt", `Bundled into http-stack.js:\n\n${notices.join("\n---\n\n")}`);
// tsc's source map describes the file before bundling; a stale one would misplace stack traces.
rmSync(`${outfile}.map`, { force: true });
