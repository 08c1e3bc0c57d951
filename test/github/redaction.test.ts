import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { inspect } from "node:util";
import { GitHubSecretsError } from "../../provider/errors";
import { startOperation } from "../../provider/lifecycle/item-operation";
import { deployment, provider as operations } from "../support/deployment";
import { sealForGitHub } from "../../provider/values/sealing";
import type { ResolvedInputs, ResolvedOutputs } from "../../provider/types";
import { configureProvider } from "../support/configure-provider";
import { createVia, updateVia } from "../support/lifecycle";
import { emulator } from "../support/root-hooks";
import { scopeFixtures, type ScopeFixture } from "../support/scope-fixtures";
import { secretForms } from "../support/secret-forms";

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

/** The failure's message, stack and properties hold none of `secrets`, in any form; the echo did reach it. */
function assertConcealed(error: unknown, secrets: readonly string[]): true {
  assert.ok(error instanceof Error, `expected an Error, got ${inspect(error)}`);
  const text = `${error.message}\n${inspect(error)}`;
  for (const secret of secrets) {
    for (const form of Object.values(secretForms(secret))) {
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

  it("redacts a value from four characters on everywhere, and a shorter one where it stands as a whole JSON string", async () => {
    emulator().setEchoRequests(true);
    failEvery(422, WRITE_METHODS);
    const news = { owner: "octo-org", repository: "app", variableName: "SHORT", value: "q7z!" };
    await rejectsConcealed(createVia("actions-repository-variable", news), ["q7z!"]);
    // Elsewhere, a 3-character value would blank out ordinary words: see test/redaction.test.ts.
    await assert.rejects(createVia("actions-repository-variable", { ...news, value: "q7z" }), (error: Error) => {
      assert.ok(!error.message.includes('"q7z"'), error.message);
      assert.match(error.message, /body: \{"name":"SHORT","value":"\[REDACTED\]"\}/);
      return true;
    });
  });

  describe("a value quoted in any form: raw, JSON- or \\u-escaped, percent-encoded, base64", () => {
    // "~~~???": its base64 holds "+" and "/", which URL-safe base64 writes as "-" and "_".
    const value = 'pa"ss\\wo/rd\nné ✓ 😀 +&=?% ~~~???';
    for (const [name, form] of Object.entries(secretForms(value))) {
      it(name, async () => {
        emulator().setEchoRequests(true);
        // A proxy that quotes the value as it saw it, in the form it travelled in.
        emulator().injectFault({ method: "POST", status: 422, body: { message: `proxy refused value=${form};` } });
        await assert.rejects(createVia("actions-repository-variable", { owner: "octo-org", repository: "app", variableName: "FORMS", value }), (error: Error) => {
          assert.match(error.message, /proxy refused value=\[REDACTED\]; \(request was: /);
          for (const quoted of Object.values(secretForms(value))) assert.ok(!error.message.includes(quoted), `the value ${name} reached: ${error.message}`);
          return assertConcealed(error, [value, ...sentSecrets()]);
        });
      });
    }
  });

  it("a secret inside another: the value that holds the token, and the token that holds the value, masked whole", async () => {
    const { token } = emulator();
    emulator().setEchoRequests(true);
    failEvery(422, WRITE_METHODS);
    for (const value of [`xx${token}yy`, token.slice(4, 12)]) {
      await assert.rejects(createVia("actions-repository-variable", { owner: "octo-org", repository: "app", variableName: "NESTED", value }), (error: Error) => {
        assert.match(error.message, /body: \{"name":"NESTED","value":"\[REDACTED\]"\}/);
        assert.match(error.message, /"authorization":"token \[REDACTED\]"/);
        return assertConcealed(error, [value, ...sentSecrets()]);
      });
    }
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

/*
 * A GitHub App's private key never reaches a failure's message: neither the whole PEM nor
 * one of its base64 lines, should a library quote part of it. No emulator path echoes a key,
 * so the messages here go straight through an operation's `fail`. What is not redacted: the
 * BEGIN/END lines (they are the same in every key) and base64 lines shorter than 16
 * characters (so short a fragment would blank out ordinary words), counted without a CR.
 */

describe("redaction: a GitHub App's private key stays out of failure messages", () => {
  const generated = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString().trim().split("\n");
  const BEGIN = generated[0]!;
  const END = generated.at(-1)!;
  const body = generated.slice(1, -1).join("");
  /** The key's base64 wrapped as: 16 characters, 15, then lines of 64 (OpenSSL reads any wrapping). */
  const lines = [body.slice(0, 16), body.slice(16, 31), ...(body.slice(31).match(/.{1,64}/g) ?? [])];
  const [line16, line15, line64] = lines as [string, string, string];
  const pemWith = (eol: string) => [BEGIN, ...lines, END].join(eol);

  const props: ResolvedInputs = { owner: "octo-org", repository: "app", secretName: "APP_WRITTEN", value: "value-of-app-written" };
  /** What `fail` makes of a message that quotes `quoted`. */
  const failureQuoting = (quoted: string) =>
    startOperation(deployment(), "actions-repository-secret", props, "creating").fail(new GitHubSecretsError(`the library said: ${quoted} (end)`)).message;
  const redacted = "the library said: [REDACTED] (end)";
  const kept = (quoted: string) => `the library said: ${quoted} (end)`;

  /** An App configured in the stack (no request is made: `fail` is all that runs). */
  const configureApp = (privateKey: string) => configureProvider({ "github:token": undefined, "github:appAuth": { id: "4343", installationId: "78", pemFile: privateKey } });

  it("redacts the whole PEM and each base64 line from 16 characters on; keeps the BEGIN/END lines and shorter lines", async () => {
    await configureApp(pemWith("\n"));
    assert.equal(failureQuoting(pemWith("\n")), redacted);
    for (const line of [line16, line64, lines.at(-2)!]) assert.equal(failureQuoting(line), redacted, line);
    for (const harmless of [line15, BEGIN, END]) assert.equal(failureQuoting(harmless), kept(harmless), harmless);
  });

  it("counts a CRLF key's line length without the CR, and keeps its BEGIN line", async () => {
    await configureApp(pemWith("\r\n"));
    assert.equal(failureQuoting(pemWith("\r\n")), redacted);
    assert.equal(failureQuoting(line16), redacted, "its line without the CR is what is redacted");
    for (const harmless of [`${line15}\r`, `${BEGIN}\r`]) assert.equal(failureQuoting(harmless), kept(harmless), JSON.stringify(harmless));
  });

  it("without an App, redacts nothing but the token and values: any other words stay, even a mutation tester's marker", async () => {
    await configureProvider();
    for (const words of ["Stryker was here", "-----BEGIN RSA PRIVATE KEY-----", line64]) assert.equal(failureQuoting(words), kept(words), words);
    assert.equal(failureQuoting(emulator().token), redacted);
  });

  /*
   * A key file saved on Windows has CRLF line endings; a library that quotes one of its base64
   * lines quotes the text without the CR (as it would from the decoded key, or a line it split
   * itself). Each line is redacted by its base64 alone, wherever it appears.
   */
  describe("a key saved with CRLF line endings", () => {
    const lf = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString().trim();
    const crlf = lf.split("\n").join("\r\n");
    const base64Lines = lf.split("\n").filter((line) => !line.startsWith("-----"));

    const quoting = (quoted: string) =>
      startOperation(deployment(), "actions-repository-secret", { owner: "octo-org", repository: "app", secretName: "CRLF_KEY", value: "value-of-crlf-key" }, "creating")
        .fail(new GitHubSecretsError(`quoted: <${quoted}>`)).message;

    it("redacts each base64 line quoted without its CR, and the CRLF PEM whole", async () => {
      await configureProvider({ "github:token": undefined, "github:appAuth": { id: "4343", installationId: "78", pemFile: crlf } });
      assert.ok(base64Lines.length > 20, "a 2048-bit key has over 20 base64 lines");
      for (const line of base64Lines) assert.equal(quoting(line), "quoted: <[REDACTED]>", line);
      assert.equal(quoting(crlf), "quoted: <[REDACTED]>");
    });
  });
});

/*
 * The JSON web tokens the App signs (auth-app sends one for each installation token it buys,
 * and each is good for 10 minutes) never reach a message: neither a failure's nor the warning
 * auth-app prints when GitHub's clock differs from the machine's. Here the emulator echoes the
 * request for an installation token, `Authorization: bearer <JWT>` included.
 */

describe("redaction: a GitHub App's JSON web tokens stay out of messages", () => {
  /** A JWT: base64url of `{"alg"…` (which starts eyJ), a payload, a signature. */
  const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

  async function configureEmulatedApp(): Promise<void> {
    const app = emulator().addApp({ installations: [{ account: "octo-org" }] });
    await configureProvider({ "github:token": undefined, "github:appAuth": { id: String(app.id), installationId: app.installations[0]!.id, pemFile: app.privateKey } });
    emulator().setEchoRequests(true);
  }

  const news = { owner: "octo-org", repository: "app", secretName: "BY_APP", value: "value-written-by-the-app" };

  it("a refused request for an installation token, which echoes the JWT", async () => {
    await configureEmulatedApp();
    emulator().injectFault({ method: "POST", path: /\/access_tokens$/, status: 403 });
    await assert.rejects(createVia("actions-repository-secret", news), (error: Error) => {
      assert.match(error.message, /refused an installation token for the App \(403\)/);
      assert.match(error.message, /"authorization":"bearer \[REDACTED\]"/);
      assert.doesNotMatch(`${error.message}\n${inspect(error)}`, JWT);
      return assertConcealed(error, [news.value, ...sentSecrets()]);
    });
  });

  it("auth-app's warning about GitHub's clock, which quotes GitHub's message", async () => {
    await configureEmulatedApp();
    // GitHub's answer to a JWT its clock thinks is from the future; auth-app warns with it and signs again.
    emulator().injectFault({ method: "POST", path: /\/access_tokens$/, status: 401, body: { message: "'Expiration time' claim ('exp') is too far in the future" } });
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.map(String).join(" "));
    try {
      await createVia("actions-repository-secret", news);
    } finally {
      console.warn = warn;
    }
    const text = warned.join("\n");
    assert.match(text, /'Expiration time' claim .*"authorization":"bearer \[REDACTED\]"/, text);
    assert.doesNotMatch(text, JWT);
    assert.equal(emulator().getSecret({ app: "actions", owner: "octo-org", repo: "app" }, "BY_APP")?.value, news.value, "the retry with a new JWT succeeded");
  });
});
