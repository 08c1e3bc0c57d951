import * as grpc from "@grpc/grpc-js";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";

/*
 * Messages the engine shows beside a resource, in preview and update alike: the engine's `Log`
 * service, at the address the engine starts the plugin with. A plugin has no other way to say
 * why a step happens; stdout is the engine's, and stderr is only seen with verbose logging.
 * Sent as warnings: the CLI (3.274) records a provider's info messages but does not show them.
 */

/** The engine's address among the plugin's arguments: the first argument that is not one of the engine's logging flags. */
export function engineAddress(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tracing") i++;
    else if (args[i] !== "--logtostderr" && !args[i]!.startsWith("-v=")) return args[i];
  }
  return undefined;
}

export interface ResourceNotes {
  warn(urn: string, message: string): Promise<void>;
}

export class EngineLog implements ResourceNotes {
  private client: enginerpc.EngineClient | undefined;

  constructor(private readonly address: string | undefined) {}

  warn(urn: string, message: string): Promise<void> {
    // Without the engine's address (a test serving the plugin alone) there is nobody to tell.
    if (!this.address) return Promise.resolve();
    this.client ??= new enginerpc.EngineClient(this.address, grpc.credentials.createInsecure());
    const request = new engineproto.LogRequest().setSeverity(engineproto.LogSeverity.WARNING).setMessage(message).setUrn(urn);
    return new Promise((resolve, reject) => this.client!.log(request, (error) => (error ? reject(error) : resolve())));
  }

  close(): void {
    this.client?.close();
  }
}
