import assert from "node:assert/strict";
import { inspect } from "node:util";
import { provider as operations } from "../support/deployment";
import { sealForGitHub } from "../../provider/values/sealing";
import type { ResolvedOutputs } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { createVia, updateVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";
import { scopeFixtures, type ScopeFixture } from "../support/scope-fixtures";

/*
 * No token, plaintext or sealed value reaches an error message. The emulator runs in echo
 * mode: every error body repeats the request's Authorization header and body, as proxies
 * and some GitHub errors do, so each message below had the secrets in it before redaction.
 * Every error path, for every scope.
 */

/** A value that JSON escapes: an echoed request body holds it as `\"` and `\\`. */
const plaintext = (fixture: ScopeFixture, tag: string) => `pl41n "${tag}" \\ ✓ ${fixture.key}`;

/** Statuses plugin-retry does not retry, so each fails at once. */
const WRITE_STATUSES = [400, 401, 403, 404, 409, 410, 422];
const WRITE_METHODS = ["PUT", "POST", "PATCH", "DELETE"];

function failEvery(status: number, methods: readonly string[], path?: string): void {
  for (const method of methods) emulator().injectFault({ method, path, status, times: Infinity });
}

/** Strings that were sent to GitHub and must stay out of messages: the token and every sealed value. */
function sentSecrets(): string[] {
  const sealed = emulator().requests.flatMap((r) => {
    const value = (r.body as { encrypted_value?: unknown } | undefined)?.encrypted_value;
    return typeof value === "string" ? [value] : [];
  });
  return [emulator().token, ...sealed];
}

/** The failure's message, stack and properties hold none of `secrets`, in plain or JSON-escaped form; the echo did reach it. */
function assertConcealed(error: unknown, secrets: readonly string[]): true {
  assert.ok(error instanceof Error, `expected an Error, got ${inspect(error)}`);
  const text = `${error.message}\n${inspect(error)}`;
  for (const secret of secrets) {
    for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) {
      assert.ok(!text.includes(form), `a secret (${secret.slice(0, 6)}…) reached the error: ${error.message}`);
    }
  }
  assert.match(error.message, /request was: .*\[REDACTED\]/, "the echoed request reached the message; redaction kept the secrets out");
  return true;
}

async function rejectsConcealed(promise: Promise<unknown>, secrets: readonly string[]): Promise<void> {
  await assert.rejects(promise, (error: unknown) => assertConcealed(error, [...secrets, ...sentSecrets()]));
}

describe("redaction: error messages never carry a token, plaintext or sealed value (emulator echoes requests)", () => {
  beforeEach(() => configureProvider());

  it("redacts values from four characters on (shorter ones would blank out ordinary words)", async () => {
    emulator().setEchoRequests(true);
    failEvery(422, WRITE_METHODS);
    const news = { owner: "octo-org", repository: "app", variableName: "SHORT", value: "q7z!" };
    await rejectsConcealed(createVia("actions-repository-variable", news), ["q7z!"]);
    const three = { ...news, value: "q7z" };
    await assert.rejects(createVia("actions-repository-variable", three), (error: Error) => error.message.includes('"value":"q7z"'));
  });

  for (const fixture of scopeFixtures) {
    describe(fixture.key, () => {
      const selection =
        fixture.key === "codespaces-user-secret"
          ? { selectedRepositories: ["dotfiles"] }
          : fixture.inputs.org
            ? { visibility: "selected", selectedRepositories: ["app"] }
            : {};
      const props = (value: string, extra: object = {}) => ({ ...fixture.inputs, [fixture.nameProperty]: "LEAKY", value, ...selection, ...extra });
      const created = async (value: string): Promise<{ id: string; outs: ResolvedOutputs }> => {
        const result = await createVia(fixture.key, props(value));
        emulator().setEchoRequests(true);
        return result;
      };

      it("create, whatever GitHub answers", async () => {
        const value = plaintext(fixture, "create");
        emulator().setEchoRequests(true);
        for (const status of WRITE_STATUSES) {
          emulator().clearFaults();
          failEvery(status, WRITE_METHODS);
          await rejectsConcealed(createVia(fixture.key, props(value)), [value]);
        }
        const write = emulator().requests.find((r) => r.method !== "GET")!;
        assert.ok(write, "the write was sent and refused");
      });

      it("update of the value", async () => {
        const { id, outs } = await created(plaintext(fixture, "old"));
        const value = plaintext(fixture, "new");
        failEvery(403, WRITE_METHODS);
        await rejectsConcealed(updateVia(fixture.key, id, outs, props(value)), [value, plaintext(fixture, "old")]);
      });

      it("read (refresh) and delete", async () => {
        const { id, outs } = await created(plaintext(fixture, "kept"));
        // Every GET: refresh reads the container's list, or the item's own GET.
        failEvery(403, ["GET"]);
        await rejectsConcealed(operations.read(fixture.key, id, outs), [plaintext(fixture, "kept")]);
        emulator().clearFaults();
        failEvery(409, ["DELETE"], id);
        await rejectsConcealed(operations.delete(fixture.key, id, outs), [plaintext(fixture, "kept")]);
      });

      it("the read that follows a write", async () => {
        const value = plaintext(fixture, "read-back");
        emulator().setEchoRequests(true);
        failEvery(403, ["GET"], (await createVia(fixture.key, props("first"))).id);
        emulator().clearRequests();
        await rejectsConcealed(createVia(fixture.key, props(value)), [value]);
      });

      if (fixture.kind === "secret") {
        it("fetching the public key", async () => {
          const value = plaintext(fixture, "key");
          emulator().setEchoRequests(true);
          emulator().injectFault({ method: "GET", path: /\/secrets\/public-key$/, status: 403 });
          await rejectsConcealed(createVia(fixture.key, props(value)), [value]);
        });

        it("a value sealed elsewhere (valueEncrypted)", async () => {
          const { key, keyId } = emulator().publicKey(fixture.container);
          const valueEncrypted = sealForGitHub(plaintext(fixture, "presealed"), key);
          emulator().setEchoRequests(true);
          failEvery(422, ["PUT"]);
          await rejectsConcealed(createVia(fixture.key, props(undefined as never, { value: undefined, valueEncrypted, keyId })), [valueEncrypted]);
        });
      }

      if (fixture.key === "codespaces-user-secret" || fixture.inputs.org) {
        it("changing only the repository selection, and reading it", async () => {
          const { id, outs } = await created(plaintext(fixture, "selected"));
          failEvery(403, ["PUT"], `${id}/repositories`);
          const other = fixture.key === "codespaces-user-secret" ? ["dotfiles", "octo-org/app"] : ["app", "api"];
          await rejectsConcealed(updateVia(fixture.key, id, outs, props(plaintext(fixture, "selected"), { selectedRepositories: other })), [plaintext(fixture, "selected")]);
          failEvery(403, ["GET"], `${id}/repositories`);
          // As if written elsewhere since: only then does refresh ask for the selection.
          await rejectsConcealed(operations.read(fixture.key, id, { ...outs, updatedAt: "2000-01-01T00:00:00Z" }), [plaintext(fixture, "selected")]);
        });

        it("resolving the selected repositories", async () => {
          const value = plaintext(fixture, "resolve");
          emulator().setEchoRequests(true);
          emulator().injectFault({ method: "GET", path: /^\/repos\/[^/]+\/[^/]+$/, status: 403 });
          await rejectsConcealed(createVia(fixture.key, props(value)), [value]);
        });
      }
    });
  }
});
