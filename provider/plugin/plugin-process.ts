import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EngineLog, engineAddress } from "./engine-log";
import { PluginContext, serve } from "./server";

/*
 * What the plugin's process does when the engine starts it, apart from the process itself
 * (its directory, arguments, environment and stdout), which `index.ts` passes in.
 */

/** This package's version, from its package.json: two levels above `dir` in the sources, three in dist/. */
export function packageVersion(dir: string): string {
  for (const up of ["../..", "../../.."]) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, up, "package.json"), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "pulumi-github-secrets" && manifest.version) return manifest.version;
    } catch {
      // Not this level.
    }
  }
  throw new Error("pulumi-github-secrets: cannot find the package's package.json");
}

export interface StartedPlugin {
  port: number;
  context: PluginContext;
  /** Stops serving and hangs up on the engine: for whoever started it in-process. */
  stop(): void;
}

/** Serves the provider and writes its port on `out`, alone on its line: the engine reads nothing else there. */
export async function startPlugin(dir: string, args: readonly string[], env: NodeJS.ProcessEnv, out: { write(text: string): unknown }): Promise<StartedPlugin> {
  const log = new EngineLog(engineAddress(args));
  const context = new PluginContext(packageVersion(dir), env, log);
  const { port, server } = await serve(context);
  out.write(`${port}\n`);
  return {
    port,
    context,
    stop: () => {
      server.forceShutdown();
      log.close();
    },
  };
}
