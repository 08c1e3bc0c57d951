import * as grpc from "@grpc/grpc-js";
import * as assert from "node:assert/strict";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { PluginContext, serve } from "../../provider/plugin/server";
import { SECRET_SIGNATURE, SIGNATURE_KEY, secretValue } from "../../provider/plugin/rpc-values";
import { resourceToken } from "../../provider/plugin/schema";
import { scopes } from "../../provider/scopes";
import { emulator } from "../support/root-hooks";
import { scopeFixtures, storedItem } from "../support/scope-fixtures";

/*
 * The plugin's service over real gRPC, against the emulator: the engine's side of each call is
 * played by a client of the SDK's generated stubs, with secrets wrapped as the engine wraps them.
 */

type Client = provrpc.ResourceProviderClient;
type Props = Record<string, unknown>;
const struct = (props: Props) => structproto.Struct.fromJavaScript(props as Record<string, structproto.JavaScriptValue>);
const plain = (struct: structproto.Struct | undefined) => (struct?.toJavaScript() ?? {}) as Props;
const isSecret = (value: unknown) => typeof value === "object" && value !== null && (value as Props)[SIGNATURE_KEY] === SECRET_SIGNATURE;

function invoke<Req, Res>(client: Client, method: string, request: Req): Promise<Res> {
  return new Promise((resolve, reject) =>
    (client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, v: Res) => void) => void>)[method]!.call(client, request, (error, value) =>
      error ? reject(error) : resolve(value),
    ),
  );
}

describe("the provider plugin's service", function () {
  let server: grpc.Server;
  let client: Client;
  let context: PluginContext;

  beforeEach(async () => {
    context = new PluginContext("0.0.0-test", {});
    const served = await serve(context);
    server = served.server;
    client = new provrpc.ResourceProviderClient(`127.0.0.1:${served.port}`, grpc.credentials.createInsecure());
  });
  afterEach(() => {
    client.close();
    server.forceShutdown();
  });

  async function configure(settings: Props = {}): Promise<void> {
    const request = new provproto.ConfigureRequest().setArgs(struct({ token: secretValue(emulator().token), baseUrl: emulator().url, writeIntervalMs: 0, ...settings }));
    await invoke(client, "configure", request);
  }

  const check = (type: string, news: Props, olds: Props = {}) =>
    invoke<provproto.CheckRequest, provproto.CheckResponse>(client, "check", new provproto.CheckRequest().setType(type).setUrn(`urn:pulumi:s::p::${type}::r`).setOlds(struct(olds)).setNews(struct(news)));

  describe("configuration", () => {
    it("keeps the token and App settings secret in what CheckConfig returns, however the stack set them", async () => {
      const response = await invoke<provproto.CheckRequest, provproto.CheckResponse>(
        client,
        "checkConfig",
        new provproto.CheckRequest().setNews(struct({ token: "ghp_plainInStackConfig", owner: "octo-org" })),
      );
      const inputs = plain(response.getInputs());
      assert.ok(isSecret(inputs.token), "token wrapped as a secret");
      assert.equal(inputs.owner, "octo-org");
      assert.deepEqual(response.getFailuresList(), []);
    });

    it("refuses a plain-http API root in CheckConfig, naming the plugin's setting and no input", async () => {
      const response = await invoke<provproto.CheckRequest, provproto.CheckResponse>(
        client,
        "checkConfig",
        new provproto.CheckRequest().setNews(struct({ baseUrl: "http://user:hunter2@example.com/api" })),
      );
      const [failure, ...rest] = response.getFailuresList();
      assert.equal(rest.length, 0);
      assert.equal(failure!.getProperty(), "", "no property: the engine would print its input");
      assert.match(failure!.getReason(), /github-secrets:baseUrl/);
      assert.doesNotMatch(failure!.getReason(), /hunter2|github:baseUrl/);
    });

    it("uses the stack's settings over the environment's", async () => {
      context = new PluginContext("0.0.0-test", { GITHUB_TOKEN: "from-the-environment", GITHUB_OWNER: "env-owner" });
      server.forceShutdown();
      const served = await serve(context);
      server = served.server;
      client = new provrpc.ResourceProviderClient(`127.0.0.1:${served.port}`, grpc.credentials.createInsecure());
      await configure({ owner: "octo-org" });
      assert.equal(context.deployment.configuration.token, emulator().token);
      assert.equal(context.deployment.configuration.owner, "octo-org");
    });
  });

  for (const fixture of scopeFixtures) {
    const scope = scopes[fixture.key];
    const type = resourceToken(scope.resourceClass);
    const inputs = { ...fixture.inputs, ...(scope.target === "user" ? { user: true } : {}) };
    const name = fixture.kind === "secret" ? "PLUGIN_SECRET" : "PLUGIN_VARIABLE";

    describe(`a ${scope.title} (${type})`, () => {
      it("is checked, created, left alone when unchanged, updated, refreshed, imported and deleted", async () => {
        await configure();
        const checked = await check(type, { ...inputs, [fixture.nameProperty]: name.toLowerCase(), value: "first value" });
        assert.deepEqual(checked.getFailuresList(), []);
        const checkedInputs = plain(checked.getInputs());
        assert.equal(checkedInputs[fixture.nameProperty], name, "normalised as for the dynamic resources");
        assert.equal(isSecret(checkedInputs.value), fixture.kind === "secret", "a secret's value is a secret in the checked inputs");

        const created = await invoke<provproto.CreateRequest, provproto.CreateResponse>(client, "create", new provproto.CreateRequest().setType(type).setUrn(`urn:pulumi:s::p::${type}::r`).setProperties(struct(checkedInputs)));
        assert.equal(storedItem(fixture, name)?.value, "first value");
        const outs = plain(created.getProperties());
        assert.equal(isSecret(outs.value), fixture.kind === "secret");
        assert.ok(typeof outs.updatedAt === "string");
        if (scope.target === "user") assert.equal(outs.user, true, "user keeps choosing the scope");

        const diff = (news: Props) =>
          invoke<provproto.DiffRequest, provproto.DiffResponse>(client, "diff", new provproto.DiffRequest().setType(type).setUrn(`urn:pulumi:s::p::${type}::r`).setId(created.getId()).setOlds(struct(outs)).setNews(struct(news)));
        emulator().clearRequests();
        assert.equal((await diff(checkedInputs)).getChanges(), provproto.DiffResponse.DiffChanges.DIFF_NONE);
        const changedInputs = { ...checkedInputs, value: fixture.kind === "secret" ? secretValue("second value") : "second value" };
        assert.equal((await diff(changedInputs)).getChanges(), provproto.DiffResponse.DiffChanges.DIFF_SOME);
        assert.equal(emulator().requests.length, 0, "diff sends nothing");

        const updated = await invoke<provproto.UpdateRequest, provproto.UpdateResponse>(client, "update", new provproto.UpdateRequest().setType(type).setUrn(`urn:pulumi:s::p::${type}::r`).setId(created.getId()).setOlds(struct(outs)).setNews(struct(changedInputs)));
        assert.equal(emulator().countWrites(), 1, "one write");
        assert.equal(storedItem(fixture, name)?.value, "second value");

        const refreshed = await invoke<provproto.ReadRequest, provproto.ReadResponse>(client, "read", new provproto.ReadRequest().setType(type).setUrn(`urn:pulumi:s::p::${type}::r`).setId(created.getId()).setProperties(updated.getProperties()).setInputs(struct(changedInputs)));
        assert.equal(refreshed.getId(), created.getId());
        assert.equal(isSecret(plain(refreshed.getProperties()).value), fixture.kind === "secret");

        const imported = await invoke<provproto.ReadRequest, provproto.ReadResponse>(client, "read", new provproto.ReadRequest().setType(type).setUrn(`urn:pulumi:s::p::${type}::imported`).setId(created.getId()));
        const importedInputs = plain(imported.getInputs());
        assert.equal(imported.getId(), created.getId());
        assert.equal(importedInputs[fixture.nameProperty], name);
        for (const [key, value] of Object.entries(inputs)) if (key !== "visibility") assert.equal(importedInputs[key], value, key);
        if (fixture.kind === "variable") assert.equal(importedInputs.value, "second value", "a variable comes with its value");
        else assert.equal(importedInputs.value, undefined, "a secret's value cannot be read");

        await invoke(client, "delete", new provproto.DeleteRequest().setType(type).setUrn(`urn:pulumi:s::p::${type}::r`).setId(created.getId()).setProperties(updated.getProperties()));
        assert.equal(storedItem(fixture, name), undefined);
      });
    });
  }

  it("refuses an import id of another shape, saying what an id is", async () => {
    await configure();
    await assert.rejects(
      invoke(client, "read", new provproto.ReadRequest().setType(resourceToken("RepoSecret")).setUrn("urn:pulumi:s::p::x::r").setId("octo-org/app/TOKEN")),
      (error: grpc.ServiceError) => /is no RepoSecret id: an id is the item's API path, "\/repos\/…\/…\/actions\/secrets\/…"/.test(error.details),
    );
  });
});
