import * as operations from "../../provider/operations";
import { emulator } from "./root-hooks";

/** Configures the provider as Pulumi's `configure` would, for the shared emulator (no write pacing). */
export function configureProvider(overrides: Record<string, unknown> = {}): Promise<void> {
  const config: Record<string, unknown> = {
    "github:token": emulator().token,
    "github:baseUrl": emulator().url,
    "githubSecrets:writeIntervalMs": "0",
    ...overrides,
  };
  // The engine hands over object-valued keys (github:appAuth) as objects; the SDK's type says string.
  const get = (key: string) => config[key] as string | undefined;
  return operations.configure({ config: { get, require: (key: string) => get(key)! } });
}
