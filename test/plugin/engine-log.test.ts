import * as assert from "node:assert/strict";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import { EngineLog } from "../../provider/plugin/engine-log";
import { startEngineDouble, type EngineDouble } from "../support/engine-double";

/*
 * The plugin's notes beside a resource, as the engine receives them over its `Log` service:
 * warnings, since the CLI does not show a provider's info messages.
 */

describe("the plugin's notes to the engine", () => {
  let engine: EngineDouble | undefined;
  let log: EngineLog | undefined;

  afterEach(() => {
    log?.close();
    engine?.close();
    [log, engine] = [undefined, undefined];
  });

  it("sends each note as a warning on the resource", async () => {
    engine = await startEngineDouble();
    log = new EngineLog(engine.address);
    await log.warn("urn:pulumi:s::p::github-secrets:index:RepoSecret::a", "first note");
    await log.warn("urn:pulumi:s::p::github-secrets:index:RepoSecret::b", "second note");
    assert.deepEqual(engine.logged, [
      { severity: engineproto.LogSeverity.WARNING, message: "first note", urn: "urn:pulumi:s::p::github-secrets:index:RepoSecret::a" },
      { severity: engineproto.LogSeverity.WARNING, message: "second note", urn: "urn:pulumi:s::p::github-secrets:index:RepoSecret::b" },
    ]);
  });

  it("fails the note when the engine refuses it", async () => {
    engine = await startEngineDouble("the engine is shutting down");
    log = new EngineLog(engine.address);
    await assert.rejects(log.warn("urn:pulumi:s::p::t::r", "a note"), /the engine is shutting down/);
  });

  it("says nothing, and does not fail, without the engine's address", async () => {
    log = new EngineLog(undefined);
    await log.warn("urn:pulumi:s::p::t::r", "a note");
    log.close();
  });

  it("hangs up on close: a note after it is not sent", async () => {
    engine = await startEngineDouble();
    log = new EngineLog(engine.address);
    await log.warn("urn:pulumi:s::p::t::r", "before");
    log.close();
    await assert.rejects(log.warn("urn:pulumi:s::p::t::r", "after"));
    assert.deepEqual(engine.logged.map((entry) => entry.message), ["before"]);
  });
});
