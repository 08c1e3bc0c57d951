import { startPlugin, type StartedPlugin } from "./plugin-process";

/*
 * The plugin's entry. The engine starts a `runtime: nodejs` plugin through the Node.js
 * language host, which `require`s this directory and calls what it exports; the plugin then
 * writes its port on stdout, and nothing else: logs go to stderr. The host ignores what the
 * call returns; a test uses it to stop the plugin it started.
 */
function main(): Promise<StartedPlugin> {
  return startPlugin(__dirname, process.argv.slice(2), process.env, process.stdout);
}

export = main;
