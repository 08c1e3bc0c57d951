import type { DeploymentOptions } from "../../provider/deployment/deployment";
import { startDeployment } from "./deployment";
import { emulator } from "./root-hooks";

/**
 * A new deployment configured as Pulumi's `configure` would, for the shared emulator (no write
 * pacing unless `overrides` set one).
 */
export async function configureProvider(overrides: Record<string, unknown> = {}, options: DeploymentOptions = {}): Promise<void> {
  startDeployment(
    {
      "github:token": emulator().token,
      "github:baseUrl": emulator().url,
      "githubSecrets:writeIntervalMs": "0",
      ...overrides,
    },
    options,
  );
}
