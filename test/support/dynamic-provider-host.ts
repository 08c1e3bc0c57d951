import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

/*
 * Drives the Pulumi SDK's own dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`)
 * over gRPC, the way the engine does: a separate process that deserializes `__provider`
 * from the resource's properties and calls its methods.
 */

const repositoryRoot = path.resolve(__dirname, "..", "..");
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json", { paths: [repositoryRoot] }));
const grpc = sdkRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const structproto = sdkRequire("google-protobuf/google/protobuf/struct_pb");
const provrpc = sdkRequire("./proto/provider_grpc_pb");
const provproto = sdkRequire("./proto/provider_pb");

export type Props = Record<string, unknown>;

export interface CheckReply {
  inputs: Props;
  failures: { property: string; reason: string }[];
}

export interface DiffReply {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** Serializes a provider object exactly as `pulumi.dynamic.Resource` does. */
export async function serializeProvider(provider: object): Promise<string> {
  const closure = sdkRequire("./runtime/closure/serializeClosure");
  const serialized = await closure.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text as string;
}

export class DynamicProviderHost {
  private stderrText = "";
  private stdoutText = "";

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly client: any,
  ) {
    child.stderr.on("data", (chunk: Buffer) => (this.stderrText += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => (this.stdoutText += chunk.toString()));
  }

  /** Everything the host process printed: what would land in Pulumi's logs. */
  get output(): string {
    return this.stdoutText + this.stderrText;
  }

  static async start(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<DynamicProviderHost> {
    const hostScript = sdkRequire.resolve("./cmd/dynamic-provider/index.js");
    // The engine address is only used by the host for logging; nothing listens there.
    const child = spawn(process.execPath, [hostScript, "127.0.0.1:1"], {
      cwd: options.cwd ?? repositoryRoot,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      let err = "";
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split("\n")[0]!.trim();
        if (out.includes("\n") && /^\d+$/.test(line)) {
          child.stdout.off("data", onData);
          resolve(Number(line));
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
      child.once("exit", (code) => reject(new Error(`dynamic provider host exited with ${code}: ${err}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new DynamicProviderHost(child, client);
  }

  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill("SIGTERM");
      await exited;
    }
  }

  /** The engine sends the stack's configuration; the host hands it to `configure` with the first resource. */
  async configure(config: Record<string, string>): Promise<void> {
    const request = new provproto.ConfigureRequest();
    request.setArgs(structproto.Struct.fromJavaScript(config));
    await this.call("configure", request);
  }

  async check(urn: string, olds: Props, news: Props): Promise<CheckReply> {
    const request = new provproto.CheckRequest();
    request.setUrn(urn);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const reply = await this.call("check", request);
    return {
      inputs: reply.getInputs().toJavaScript(),
      failures: reply.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<DiffReply> {
    const request = new provproto.DiffRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const reply = await this.call("diff", request);
    const changes = ["unknown", "none", "some"][reply.getChanges()] as DiffReply["changes"];
    return { changes, replaces: reply.getReplacesList(), deleteBeforeReplace: reply.getDeletebeforereplace() };
  }

  async create(urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
    const request = new provproto.CreateRequest();
    request.setUrn(urn);
    request.setProperties(struct(properties));
    const reply = await this.call("create", request);
    return { id: reply.getId(), properties: reply.getProperties().toJavaScript() };
  }

  async read(id: string, urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
    const request = new provproto.ReadRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setProperties(struct(properties));
    const reply = await this.call("read", request);
    return { id: reply.getId(), properties: reply.getProperties()?.toJavaScript() ?? {} };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<{ properties: Props }> {
    const request = new provproto.UpdateRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const reply = await this.call("update", request);
    return { properties: reply.getProperties().toJavaScript() };
  }

  async delete(id: string, urn: string, properties: Props): Promise<void> {
    const request = new provproto.DeleteRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setProperties(struct(properties));
    await this.call("delete", request);
  }

  private call(method: string, request: unknown): Promise<any> {
    return new Promise((resolve, reject) => {
      this.client[method](request, (error: Error | null, reply: unknown) => (error ? reject(error) : resolve(reply)));
    });
  }
}

function struct(props: Props): unknown {
  // Struct cannot hold `undefined`; the engine never sends it either.
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(props)));
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::pulumi-github-secrets::pulumi-nodejs:dynamic/github-secrets:${type}::${name}`;
}
