import type { Container } from "../../emulator";
import type { ScopeKey } from "../../provider/types";
import { sealForGitHub } from "../../provider/values/sealing";
import { emulator } from "./root-hooks";

/** How a test addresses one scope: the resource's identity inputs and the emulator's container. */
export interface ScopeFixture {
  readonly key: ScopeKey;
  readonly kind: "secret" | "variable";
  readonly nameProperty: "secretName" | "variableName";
  /** Identity (and visibility) inputs of a resource in this scope. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly container: Container;
  /** The same container under another letter case (GitHub ignores it). */
  readonly recased: Readonly<Record<string, unknown>>;
}

const repo = { owner: "octo-org", repository: "app" };
const repoContainer = (app: "actions" | "dependabot" | "codespaces"): Container => ({ app, owner: "octo-org", repo: "app" });
const env = { ...repo, environment: "staging/eu" };
const org = { org: "octo-org", visibility: "private" };

export const scopeFixtures: readonly ScopeFixture[] = [
  { key: "actions-repository-secret", kind: "secret", nameProperty: "secretName", inputs: repo, container: repoContainer("actions"), recased: { owner: "Octo-Org", repository: "APP" } },
  { key: "actions-environment-secret", kind: "secret", nameProperty: "secretName", inputs: env, container: { app: "actions", owner: "octo-org", repo: "app", environment: "staging/eu" }, recased: { owner: "OCTO-ORG", environment: "Staging/EU" } },
  { key: "actions-organization-secret", kind: "secret", nameProperty: "secretName", inputs: org, container: { app: "actions", org: "octo-org" }, recased: { org: "Octo-Org" } },
  { key: "dependabot-repository-secret", kind: "secret", nameProperty: "secretName", inputs: repo, container: repoContainer("dependabot"), recased: { repository: "App" } },
  { key: "dependabot-organization-secret", kind: "secret", nameProperty: "secretName", inputs: org, container: { app: "dependabot", org: "octo-org" }, recased: { org: "OCTO-org" } },
  { key: "codespaces-repository-secret", kind: "secret", nameProperty: "secretName", inputs: repo, container: repoContainer("codespaces"), recased: { owner: "Octo-org" } },
  { key: "codespaces-organization-secret", kind: "secret", nameProperty: "secretName", inputs: org, container: { app: "codespaces", org: "octo-org" }, recased: { org: "octo-ORG" } },
  { key: "codespaces-user-secret", kind: "secret", nameProperty: "secretName", inputs: {}, container: { app: "codespaces", user: true }, recased: {} },
  { key: "actions-repository-variable", kind: "variable", nameProperty: "variableName", inputs: repo, container: repoContainer("actions"), recased: { repository: "APP" } },
  { key: "actions-environment-variable", kind: "variable", nameProperty: "variableName", inputs: env, container: { app: "actions", owner: "octo-org", repo: "app", environment: "staging/eu" }, recased: { environment: "STAGING/eu" } },
  { key: "actions-organization-variable", kind: "variable", nameProperty: "variableName", inputs: org, container: { app: "actions", org: "octo-org" }, recased: { org: "Octo-Org" } },
];

/** What the emulator holds under `name` in the fixture's container: a secret with its value opened. */
export function storedItem(fixture: ScopeFixture, name: string) {
  return fixture.kind === "secret" ? emulator().getSecret(fixture.container, name) : emulator().getVariable(fixture.container, name);
}

/** `plaintext` sealed with the emulator's key for the fixture's container, as a program seals it for `valueEncrypted`. */
export function sealedFor(fixture: ScopeFixture, plaintext: string | Buffer): string {
  return sealForGitHub(plaintext.toString(), emulator().publicKey(fixture.container).key);
}

/** The inputs of a secret named PRESEALED given already sealed, with the container's key id unless told otherwise. */
export function presealedInputs(fixture: ScopeFixture, valueEncrypted: string, keyId = emulator().publicKey(fixture.container).keyId) {
  return { ...fixture.inputs, secretName: "PRESEALED", valueEncrypted, keyId };
}
