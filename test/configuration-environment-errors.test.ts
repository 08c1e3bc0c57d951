import assert from "node:assert/strict";
import { resolveConfiguration } from "../provider/deployment/configuration";
import { configureProvider } from "./support/configure-provider";
import { withEnvironment } from "./support/environment";

/*
 * A pacing or rate-limit setting in the environment that is not a whole number stops the
 * provider with a message naming that variable, its unit and what it was given; the stack
 * leaves both unset here, so the environment is what is read.
 */

describe("pacing settings from the environment", () => {
  beforeEach(() => configureProvider({ "githubSecrets:writeIntervalMs": undefined }));

  const cases = [
    ["GITHUB_SECRETS_WRITE_INTERVAL_MS", "milliseconds"],
    ["GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS", "seconds"],
  ] as const;
  for (const [name, unit] of cases) {
    it(`${name}: a bad value is refused, naming the variable and the unit`, async () => {
      for (const bad of ["-1", "1.5", "soon"]) {
        await withEnvironment({ GITHUB_SECRETS_WRITE_INTERVAL_MS: undefined, GITHUB_SECRETS_MAX_RATE_LIMIT_WAIT_SECONDS: undefined, [name]: bad }, () => {
          assert.throws(() => resolveConfiguration({}, process.env), { message: `${name} must be a whole number of ${unit}, got "${bad}"` });
        });
      }
    });
  }
});
