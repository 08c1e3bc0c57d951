import * as grpc from "@grpc/grpc-js";
import * as assert from "node:assert/strict";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
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

  /** Serves `served` from now on, in place of the context the test started with. */
  async function serveContext(served: PluginContext): Promise<void> {
    client?.close();
    server?.forceShutdown();
    context = served;
    const started = await serve(context);
    server = started.server;
    client = new provrpc.ResourceProviderClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
  }

  beforeEach(() => serveContext(new PluginContext("0.0.0-test", {})));
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
      await serveContext(new PluginContext("0.0.0-test", { GITHUB_TOKEN: "from-the-environment", GITHUB_OWNER: "env-owner" }));
      await configure({ owner: "octo-org" });
      assert.equal(context.deployment.configuration.token, emulator().token);
      assert.equal(context.deployment.configuration.owner, "octo-org");
    });

    it("tells the engine in Configure that it takes secrets, and neither previews nor takes resources", async () => {
      const response = await invoke<provproto.ConfigureRequest, provproto.ConfigureResponse>(client, "configure", new provproto.ConfigureRequest().setArgs(struct({ token: secretValue(emulator().token) })));
      assert.deepEqual([response.getAcceptsecrets(), response.getSupportspreview(), response.getAcceptresources()], [true, false, false]);
    });

    it("refuses a resource call before Configure, saying so", async () => {
      await assert.rejects(
        invoke(client, "create", new provproto.CreateRequest().setType(resourceToken("RepoSecret")).setUrn("urn:pulumi:s::p::x::r").setProperties(struct({ owner: "octo-org", repository: "app", secretName: "X", value: "v" }))),
        (error: grpc.ServiceError) => error.details === "the github-secrets provider was called before the engine configured it",
      );
    });

    it("sees a change in DiffConfig against the old inputs, or the old outputs when no inputs came, and never replaces the provider", async () => {
      const diffConfig = (request: provproto.DiffRequest) => invoke<provproto.DiffRequest, provproto.DiffResponse>(client, "diffConfig", request);
      const { DIFF_NONE, DIFF_SOME } = provproto.DiffResponse.DiffChanges;
      const owner = struct({ owner: "octo-org" });
      const unchanged = await diffConfig(new provproto.DiffRequest().setOldInputs(owner).setOlds(struct({ owner: "octo-org", version: "1" })).setNews(owner));
      assert.equal(unchanged.getChanges(), DIFF_NONE, "the outputs hold more than the inputs");
      assert.equal((await diffConfig(new provproto.DiffRequest().setOlds(owner).setNews(owner))).getChanges(), DIFF_NONE);
      const changed = await diffConfig(new provproto.DiffRequest().setOldInputs(owner).setNews(struct({ owner: "other-org" })));
      assert.equal(changed.getChanges(), DIFF_SOME);
      assert.deepEqual(changed.getReplacesList(), []);
    });

    it("takes a message beyond gRPC's 4 MiB default, as the engine may send", async () => {
      const large = struct({ owner: "octo-org", description: "x".repeat(5 * 1024 * 1024) });
      const response = await invoke<provproto.DiffRequest, provproto.DiffResponse>(client, "diffConfig", new provproto.DiffRequest().setOldInputs(large).setNews(struct({ owner: "octo-org" })));
      assert.equal(response.getChanges(), provproto.DiffResponse.DiffChanges.DIFF_SOME);
    });
  });

  it("tells its version in GetPluginInfo and GetSchema, and refuses a schema version it does not know", async () => {
    const info = await invoke<emptyproto.Empty, plugproto.PluginInfo>(client, "getPluginInfo", new emptyproto.Empty());
    assert.equal(info.getVersion(), "0.0.0-test");
    const schema = await invoke<provproto.GetSchemaRequest, provproto.GetSchemaResponse>(client, "getSchema", new provproto.GetSchemaRequest().setVersion(0));
    assert.deepEqual(Object.entries(JSON.parse(schema.getSchema()) as Props).slice(0, 3), Object.entries({ name: "github-secrets", displayName: "GitHub secrets and variables", version: "0.0.0-test" }));
    await assert.rejects(invoke(client, "getSchema", new provproto.GetSchemaRequest().setVersion(1)), (error: grpc.ServiceError) => error.details === "unsupported schema version 1");
  });

  it("answers Cancel and Attach", async () => {
    assert.ok((await invoke(client, "cancel", new emptyproto.Empty())) instanceof emptyproto.Empty);
    assert.ok((await invoke(client, "attach", new plugproto.PluginAttach().setAddress("127.0.0.1:1"))) instanceof emptyproto.Empty);
  });

  it("names the property a check refuses", async () => {
    await configure();
    const checked = await check(resourceToken("CodespacesSecret"), { user: "yes", secretName: "X", value: "v" });
    assert.deepEqual(
      checked.getFailuresList().filter((failure) => failure.getProperty() === "user").map((failure) => failure.getReason()),
      ["`user` must be true or false"],
    );
  });

  it("takes the resource's type from its URN when the engine sends none", async () => {
    await configure();
    const type = resourceToken("OrgVariable");
    const request = new provproto.CheckRequest().setUrn(`urn:pulumi:s::p::my:component$${type}::r`).setNews(struct({ org: "octo-org", variableName: "x", value: "v" }));
    const checked = await invoke<provproto.CheckRequest, provproto.CheckResponse>(client, "check", request);
    assert.deepEqual(checked.getFailuresList(), []);
    assert.equal(plain(checked.getInputs()).variableName, "X");
  });

  describe("diff", () => {
    const type = resourceToken("RepoSecret");
    const urn = `urn:pulumi:s::p::${type}::r`;
    const imported = { owner: "octo-org", repository: "app", secretName: "X", createdAt: "t", updatedAt: "t" };
    const news = { owner: "octo-org", repository: "app", secretName: "X", value: secretValue("v") };
    const diff = (olds: Props, changed: Props, resourceType = type) =>
      invoke<provproto.DiffRequest, provproto.DiffResponse>(client, "diff", new provproto.DiffRequest().setType(resourceType).setUrn(urn).setId("id").setOlds(struct(olds)).setNews(struct(changed)));

    it("warns beside the resource why a secret the state has no value for is written, and says nothing otherwise", async () => {
      const notes: { urn: string; message: string }[] = [];
      await serveContext(new PluginContext("0.0.0-test", {}, { warn: async (noted, message) => void notes.push({ urn: noted, message }) }));
      await configure();
      assert.equal((await diff(imported, news)).getChanges(), provproto.DiffResponse.DiffChanges.DIFF_SOME);
      assert.deepEqual(notes.map((note) => note.urn), [urn]);
      assert.match(notes[0]!.message, /^the state holds no value for this repository Actions secret/);
      await diff({ ...imported, value: secretValue("old") }, news);
      assert.equal(notes.length, 1, "a secret whose value the state holds is written without a note");
    });

    it("gives the engine the properties that replace the item", async () => {
      await configure();
      const olds = { org: "octo-org", secretName: "X", value: secretValue("v"), visibility: "private", createdAt: "t", updatedAt: "t" };
      const compared = await diff(olds, { user: true, secretName: "X", value: secretValue("v") }, resourceToken("CodespacesSecret"));
      assert.deepEqual(compared.getReplacesList(), ["user"]);
    });

    it("warns nowhere without the engine's address, and still answers", async () => {
      await configure();
      assert.equal((await diff(imported, news)).getChanges(), provproto.DiffResponse.DiffChanges.DIFF_SOME);
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
