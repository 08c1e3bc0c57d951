import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engineproto from "@pulumi/pulumi/proto/engine_pb";

/*
 * The engine's side of its `Log` service, on a free port of 127.0.0.1: what the plugin tells
 * the engine arrives here. With `refuse`, each message is answered with that error instead.
 */

export interface LoggedMessage {
  severity: engineproto.LogSeverity;
  message: string;
  urn: string;
}

export interface EngineDouble {
  address: string;
  logged: LoggedMessage[];
  close(): void;
}

export async function startEngineDouble(refuse?: string): Promise<EngineDouble> {
  const logged: LoggedMessage[] = [];
  const server = new grpc.Server();
  server.addService(enginerpc.EngineService, {
    log: (call: grpc.ServerUnaryCall<engineproto.LogRequest, emptyproto.Empty>, callback: grpc.sendUnaryData<emptyproto.Empty>) => {
      logged.push({ severity: call.request.getSeverity(), message: call.request.getMessage(), urn: call.request.getUrn() });
      callback(refuse === undefined ? null : { code: grpc.status.INTERNAL, details: refuse }, new emptyproto.Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { address: `127.0.0.1:${port}`, logged, close: () => server.forceShutdown() };
}
