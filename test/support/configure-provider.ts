import * as operations from "../../provider/operations";
import { emulator } from "./root-hooks";

/** Configures the provider as Pulumi's `configure` would, for the shared emulator (no write pacing). */
export function configureProvider(overrides: Record<string, string | undefined> = {}): Promise<void> {
  const config: Record<string, string | undefined> = {
    "github:token": emulator().token,
    "github:baseUrl": emulator().url,
    "githubSecrets:writeIntervalMs": "0",
    ...overrides,
  };
  return operations.configure({ config: { get: (key: string) => config[key], require: (key: string) => config[key]! } });
}
