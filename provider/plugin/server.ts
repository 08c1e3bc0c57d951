import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { isDeepStrictEqual } from "node:util";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { Deployment } from "../deployment/deployment";
import { EngineLog, type ResourceNotes } from "./engine-log";
import { checkConfig, configureInputs, pluginConfiguration, renameSettings } from "./plugin-configuration";
import * as methods from "./resource-methods";
import type { PropertyMap } from "./rpc-values";
import { packageSchema } from "./schema";

/*
 * The plugin's gRPC service: the engine's provider protocol, served over the lifecycle code.
 * Written against the SDK's generated messages rather than `@pulumi/pulumi/provider`'s server,
 * which answers `CheckConfig` and `DiffConfig` with UNIMPLEMENTED and drops what `Configure`
 * is sent (pulumi/pulumi#10915): the stack's configuration would never reach the plugin.
 * https://pulumi-developer-docs.readthedocs.io/latest/docs/architecture/providers/implementers-guide.html
 */

/** What lives for one plugin process: the deployment `Configure` made. A test makes a fresh one. */
export class PluginContext {
  private configured: Deployment | undefined;

  constructor(
    readonly version: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly notes: ResourceNotes = new EngineLog(undefined),
  ) {}

  configure(inputs: PropertyMap): void {
    this.configured = new Deployment(pluginConfiguration(inputs, this.env));
  }

  get deployment(): Deployment {
    if (!this.configured) throw new Error("the github-secrets provider was called before the engine configured it");
    return this.configured;
  }
}

const toStruct = (properties: PropertyMap) => structproto.Struct.fromJavaScript(properties as Record<string, structproto.JavaScriptValue>);
const fromStruct = (struct: structproto.Struct | undefined): PropertyMap | undefined => struct?.toJavaScript() as PropertyMap | undefined;

/** A unary handler: the answer, or the failure with settings named as the plugin's user knows them. */
function unary<Request, Response>(answer: (request: Request) => Promise<Response> | Response): grpc.handleUnaryCall<Request, Response> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => answer(call.request))
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback({ code: grpc.status.UNKNOWN, details: renameSettings(error instanceof Error ? error.message : String(error)) }),
      );
  };
}

function checkResponse({ inputs, failures }: { inputs: PropertyMap; failures: { property: string; reason: string }[] }): provproto.CheckResponse {
  const response = new provproto.CheckResponse();
  response.setInputs(toStruct(inputs));
  response.setFailuresList(
    failures.map(({ property, reason }) => {
      const failure = new provproto.CheckFailure();
      failure.setProperty(property);
      failure.setReason(renameSettings(reason));
      return failure;
    }),
  );
  return response;
}

function diffResponse(changes: boolean, replaces: readonly string[] = []): provproto.DiffResponse {
  const response = new provproto.DiffResponse();
  response.setChanges(changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
  response.setReplacesList([...replaces]);
  return response;
}

/** The service's handlers; methods it leaves out (invoke, construct…) answer UNIMPLEMENTED. */
export function providerService(context: PluginContext): Partial<provrpc.IResourceProviderServer> {
  const typeOf = (request: { getType(): string; getUrn(): string }) => request.getType() || methods.typeOfUrn(request.getUrn());
  return {
    getPluginInfo: unary(() => new plugproto.PluginInfo().setVersion(context.version)),
    getSchema: unary((request) => {
      if (request.getVersion() !== 0) throw new Error(`unsupported schema version ${request.getVersion()}`);
      return new provproto.GetSchemaResponse().setSchema(packageSchema(context.version));
    }),
    checkConfig: unary((request) => checkResponse(checkConfig(fromStruct(request.getNews())))),
    // A changed token or owner reconfigures the provider; it never replaces what it manages.
    diffConfig: unary((request) => diffResponse(!isDeepStrictEqual(fromStruct(request.getOldInputs()) ?? fromStruct(request.getOlds()), fromStruct(request.getNews())))),
    configure: unary((request) => {
      context.configure(configureInputs(fromStruct(request.getArgs()), request.getVariablesMap() as unknown as Map<string, string>));
      return new provproto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false).setAcceptresources(false);
    }),
    check: unary(async (request) => checkResponse(await methods.check(context.deployment, typeOf(request), fromStruct(request.getOlds()), fromStruct(request.getNews())))),
    diff: unary(async (request) => {
      const compared = await methods.diff(context.deployment, typeOf(request), request.getId(), fromStruct(request.getOlds()), fromStruct(request.getNews()));
      if (compared.note) await context.notes.warn(request.getUrn(), compared.note);
      return diffResponse(compared.changes, compared.replaces).setDeletebeforereplace(compared.deleteBeforeReplace);
    }),
    create: unary(async (request) => {
      const created = await methods.create(context.deployment, typeOf(request), fromStruct(request.getProperties()));
      return new provproto.CreateResponse().setId(created.id).setProperties(toStruct(created.properties));
    }),
    read: unary(async (request) => {
      const read = await methods.read(context.deployment, typeOf(request), request.getId(), fromStruct(request.getProperties()), fromStruct(request.getInputs()));
      return new provproto.ReadResponse().setId(read.id).setProperties(toStruct(read.properties)).setInputs(toStruct(read.inputs));
    }),
    update: unary(async (request) => {
      const properties = await methods.update(context.deployment, typeOf(request), request.getId(), fromStruct(request.getOlds()), fromStruct(request.getNews()));
      return new provproto.UpdateResponse().setProperties(toStruct(properties));
    }),
    delete: unary(async (request) => {
      await methods.remove(context.deployment, typeOf(request), request.getId(), fromStruct(request.getProperties()));
      return new emptyproto.Empty();
    }),
    cancel: unary(() => new emptyproto.Empty()),
    attach: unary(() => new emptyproto.Empty()),
  };
}

/** Serves on a loopback port of the system's choosing and returns it; the engine reads it from stdout. */
export async function serve(context: PluginContext): Promise<{ port: number; server: grpc.Server }> {
  // The engine's messages can be large (a whole schema); the SDK's own servers lift the limit the same way.
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, providerService(context) as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { port, server };
}
