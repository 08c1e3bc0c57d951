import * as pulumi from "@pulumi/pulumi";

/*
 * Pulumi's mocks in this process, recording what each resource registration asks of the
 * engine: the inputs as the mocks receive them (a Pulumi secret keeps the engine's secret
 * signature), and what only the request to the monitor carries (parent, protect,
 * additionalSecretOutputs), and the outputs a component registers. Keyed by resource name; a
 * later registration of a name replaces it.
 */

export interface MockRegistration {
  type: string;
  parent: string;
  protect: boolean;
  additionalSecretOutputs: string[];
  inputs: Record<string, unknown>;
  /** What a component passed to registerOutputs, once it has. */
  outputs?: Record<string, unknown>;
}

interface RegisterRequest {
  getName(): string;
  getType(): string;
  getParent(): string;
  getProtect(): boolean;
  getAdditionalsecretoutputsList(): string[];
}

/** Sets the mocks (`preview`: a dry run) and returns the registrations they will record. */
export async function recordRegistrations(preview: boolean): Promise<Map<string, MockRegistration>> {
  const registrations = new Map<string, MockRegistration>();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registrations.get(args.name)!.inputs = args.inputs;
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    preview,
  );
  type OutputsRequest = { getUrn(): string; getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined };
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource: (req: RegisterRequest, cb: never) => unknown;
    registerResourceOutputs: (req: OutputsRequest, cb: never) => unknown;
  };
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    const name = req.getUrn().split("::").pop()!;
    registrations.get(name)!.outputs = req.getOutputs()?.toJavaScript() ?? {};
    return registerOutputs(req, cb);
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    registrations.set(req.getName(), {
      type: req.getType(),
      parent: req.getParent(),
      protect: req.getProtect(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      inputs: {},
    });
    return register(req, cb);
  };
  return registrations;
}

/** Leaves the mocks: the runtime's options as before any test set them. */
export function stopMocks(): void {
  pulumi.runtime.resetOptions("", "", -1, "", "", false, "");
}
