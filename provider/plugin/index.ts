import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EngineLog, engineAddress } from "./engine-log";
import { PluginContext, serve } from "./server";

/*
 * The plugin's entry. The engine starts a `runtime: nodejs` plugin through the Node.js
 * language host, which `require`s this directory and calls what it exports; the plugin then
 * writes its port on stdout, and nothing else: logs go to stderr.
 */

/** This package's version, from its package.json (two levels up from the source, three from dist/). */
function packageVersion(): string {
  for (const up of ["../..", "../../.."]) {
    try {
      const manifest = JSON.parse(readFileSync(join(__dirname, up, "package.json"), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "pulumi-github-secrets" && manifest.version) return manifest.version;
    } catch {
      // Not this level.
    }
  }
  throw new Error("pulumi-github-secrets: cannot find the package's package.json");
}

async function main(): Promise<void> {
  const { port } = await serve(new PluginContext(packageVersion(), process.env, new EngineLog(engineAddress(process.argv.slice(2)))));
  process.stdout.write(`${port}\n`);
}

export = main;
