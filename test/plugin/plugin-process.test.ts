import * as grpc from "@grpc/grpc-js";
import * as assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import main = require("../../provider/plugin/index");
import { packageVersion, type StartedPlugin } from "../../provider/plugin/plugin-process";
import { startEngineDouble, type EngineDouble } from "../support/engine-double";

/*
 * The plugin's process as the engine starts it: the language host calls what `index.ts`
 * exports, with the engine's address among the arguments, and reads the port from stdout.
 */

const REPOSITORY = path.resolve(__dirname, "../..");
const VERSION = (JSON.parse(readFileSync(path.join(REPOSITORY, "package.json"), "utf8")) as { version: string }).version;

/** Calls the entry with these arguments after the script's, and keeps what it writes on stdout. */
async function startedByTheEngine(args: string[]): Promise<{ started: StartedPlugin; stdout: string[] }> {
  const stdout: string[] = [];
  const [argv, write] = [process.argv, process.stdout.write];
  process.argv = [argv[0]!, argv[1]!, ...args];
  process.stdout.write = ((text: string) => stdout.push(text) > 0) as typeof process.stdout.write;
  try {
    return { started: await main(), stdout };
  } finally {
    process.argv = argv;
    process.stdout.write = write;
  }
}

function pluginInfo(port: number): Promise<plugproto.PluginInfo> {
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise<plugproto.PluginInfo>((resolve, reject) => client.getPluginInfo(new emptyproto.Empty(), (error, info) => (error ? reject(error) : resolve(info)))).finally(() => client.close());
}

describe("the plugin's process", () => {
  let engine: EngineDouble | undefined;
  let started: StartedPlugin | undefined;
  let scratch: string | undefined;

  afterEach(() => {
    started?.stop();
    engine?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    [engine, started, scratch] = [undefined, undefined, undefined];
  });

  it("writes only its port on stdout, serves the package's version and sends notes to the engine's address", async () => {
    engine = await startEngineDouble();
    const run = await startedByTheEngine(["--logtostderr", "-v=9", engine.address]);
    started = run.started;
    assert.deepEqual(run.stdout, [`${started.port}\n`]);
    assert.equal((await pluginInfo(started.port)).getVersion(), VERSION);
    await started.context.notes.warn("urn:pulumi:s::p::github-secrets:index:RepoSecret::r", "a note");
    assert.deepEqual(engine.logged.map((entry) => entry.message), ["a note"]);
  });

  it("stops serving and hangs up on the engine when stopped", async () => {
    engine = await startEngineDouble();
    started = (await startedByTheEngine([engine.address])).started;
    const { port, context } = started;
    await context.notes.warn("urn:pulumi:s::p::t::r", "before the end");
    started.stop();
    await assert.rejects(pluginInfo(port), (error: grpc.ServiceError) => error.code === grpc.status.UNAVAILABLE);
    await assert.rejects(context.notes.warn("urn:pulumi:s::p::t::r", "after the end"));
    assert.deepEqual(engine.logged.map((entry) => entry.message), ["before the end"]);
  });

  describe("its version", () => {
    const manifest = (dir: string, contents: object) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "package.json"), JSON.stringify(contents));
    };

    it("is the package's, from its sources", () => {
      assert.equal(packageVersion(path.join(REPOSITORY, "provider/plugin")), VERSION);
    });

    it("is the package's, from dist/, past another package's manifest", () => {
      scratch = mkdtempSync(path.join(tmpdir(), "plugin-version-"));
      manifest(scratch, { name: "pulumi-github-secrets", version: "9.8.7" });
      manifest(path.join(scratch, "dist"), { name: "another-package", version: "1.0.0" });
      assert.equal(packageVersion(path.join(scratch, "dist/provider/plugin")), "9.8.7");
    });

    it("is not guessed when no manifest of the package is near", () => {
      scratch = mkdtempSync(path.join(tmpdir(), "plugin-version-"));
      manifest(path.join(scratch, "a"), { name: "pulumi-github-secrets" });
      assert.throws(() => packageVersion(path.join(scratch!, "a/b/c")), /^Error: pulumi-github-secrets: cannot find the package's package.json$/);
    });
  });
});
