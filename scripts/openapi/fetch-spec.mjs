// Fetches GitHub's OpenAPI description from the npm package @octokit/openapi without installing
// it: `npm pack` into a temporary directory, then only the description and package.json are
// unpacked from the tarball (the full package unpacks to ~400 MB).

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PACKAGE = "@octokit/openapi";
const SPEC_IN_TARBALL = "package/generated/api.github.com.json";

export function npmPackSpec(version) {
  const dir = mkdtempSync(join(tmpdir(), "octokit-openapi-"));
  try {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const out = execFileSync(npm, ["pack", `${PACKAGE}@${version}`, "--pack-destination", dir, "--json", "--silent"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
    const start = out.indexOf("[");
    const info = JSON.parse(out.slice(start));
    const tarball = join(dir, info[0].filename);
    execFileSync("tar", ["-xzf", tarball, "-C", dir, SPEC_IN_TARBALL, "package/package.json"], { stdio: "inherit" });
    const pkg = JSON.parse(readFileSync(join(dir, "package", "package.json"), "utf8"));
    const spec = JSON.parse(readFileSync(join(dir, SPEC_IN_TARBALL), "utf8"));
    return { spec, version: pkg.version, integrity: info[0].integrity };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
