// The handle startEmulator() returns: the API root URL and token for clients, and what tests drive
// (behind-the-back changes, faults, clock, request log, Apps).

import { ApiError } from "./api-error";
import { resolveContainer, type ResolvedContainer } from "./containers";
import type { EmulatorCore } from "./core";
import type { GitHubEmulator } from "./github-emulator";
import { createVariable, updateVariable, upsertSecret } from "./items";
import { canonicalName, nameProblem, type NamedThing } from "./names";
import type { OpenApiValidator } from "./openapi-validator";
import { toBase64 } from "./sealed-box";
import { normalizeRepositoryIds } from "./selection";
import type { EmulatorServer } from "./server";
import { secretSnapshot, sortedByName, variableSnapshot, type ContainerState } from "./state";
import type {
  BehindBackExtra,
  Container,
  ContentCreationWindow,
  EmulatorClock,
  FaultHandle,
  FaultSpec,
  RecordedRequest,
  RequestFilter,
  SecondaryRateLimitOptions,
  StoredSecret,
  StoredVariable,
  AppSpec,
  EmulatorApp,
  IssuedInstallationToken,
} from "./types";


/** Turns GitHub-style refusals of behind-the-back writes into plain errors. */
function plain<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ApiError) throw new Error(`${what}: ${e.status} ${e.message}${e.extra.errors ? ` ${JSON.stringify(e.extra.errors)}` : ""}`);
    throw e;
  }
}

function validName(kind: NamedThing, name: string): string {
  const problem = nameProblem(kind, name);
  if (problem !== undefined) throw new Error(`invalid ${kind} name ${JSON.stringify(name)}: ${problem}`);
  return canonicalName(name);
}

export class Emulator implements GitHubEmulator {
  constructor(
    readonly url: string,
    readonly token: string,
    private readonly core: EmulatorCore,
    private readonly server: EmulatorServer,
  ) {}

  get clock(): EmulatorClock {
    return this.core.clock;
  }

  get requests(): ReadonlyArray<RecordedRequest> {
    return this.server.log.all;
  }

  get openapi(): OpenApiValidator {
    return this.core.validator;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  reset(): void {
    this.core.reset();
    this.server.faults.clear();
    this.server.log.clear();
    this.server.primary.reset();
    this.server.secondary.reset();
    this.server.latencyMs = 0;
    this.server.echoRequests = false;
  }

  private state(c: Container): ContainerState {
    return this.core.store.state(resolveContainer(this.core.world, c));
  }

  private variableState(c: Container): ContainerState {
    const s = this.state(c);
    if (!s.container.scope.variables) throw new Error(`${s.container.scope.id} has no variables (variables are Actions-only)`);
    return s;
  }

  private ids(container: ResolvedContainer, extra: BehindBackExtra | undefined, resource: string): number[] | undefined {
    if (extra?.selectedRepositoryIds === undefined) return undefined;
    return normalizeRepositoryIds(this.core.world, container, extra.selectedRepositoryIds, resource);
  }

  getSecret(c: Container, name: string): StoredSecret | undefined {
    const r = this.state(c).secrets.get(canonicalName(name));
    return r ? secretSnapshot(r) : undefined;
  }

  listSecrets(c: Container): StoredSecret[] {
    return sortedByName(this.state(c).secrets.values()).map(secretSnapshot);
  }

  putSecretBehindBack(c: Container, name: string, value: string | undefined, extra?: BehindBackExtra): void {
    const state = this.state(c);
    const n = validName("secret", name);
    plain(`putSecretBehindBack(${n})`, () => {
      const bytes = value === undefined ? undefined : new Uint8Array(Buffer.from(value, "utf8"));
      upsertSecret(this.core, state, n, bytes, {
        visibility: extra?.visibility,
        selectedRepositoryIds: this.ids(state.container, extra, "Secret"),
      });
    });
  }

  deleteSecretBehindBack(c: Container, name: string): void {
    if (!this.state(c).secrets.delete(canonicalName(name))) throw new Error(`deleteSecretBehindBack: no secret ${name}`);
  }

  getVariable(c: Container, name: string): StoredVariable | undefined {
    const r = this.variableState(c).variables.get(canonicalName(name));
    return r ? variableSnapshot(r) : undefined;
  }

  listVariables(c: Container): StoredVariable[] {
    return sortedByName(this.variableState(c).variables.values()).map(variableSnapshot);
  }

  putVariableBehindBack(c: Container, name: string, value: string | undefined, extra?: BehindBackExtra): void {
    const state = this.variableState(c);
    const n = validName("variable", name);
    plain(`putVariableBehindBack(${n})`, () => {
      const w = { visibility: extra?.visibility, selectedRepositoryIds: this.ids(state.container, extra, "ActionsVariable") };
      if (state.variables.has(n)) updateVariable(this.core, state, n, { ...w, value });
      else {
        if (value === undefined) throw new Error(`putVariableBehindBack: no variable ${n} to update`);
        createVariable(this.core, state, n, value, w);
      }
    });
  }

  deleteVariableBehindBack(c: Container, name: string): void {
    if (!this.variableState(c).variables.delete(canonicalName(name))) throw new Error(`deleteVariableBehindBack: no variable ${name}`);
  }

  publicKey(c: Container): { keyId: string; key: string } {
    const { keyPair } = this.state(c);
    return { keyId: keyPair.keyId, key: toBase64(keyPair.publicKey) };
  }

  rotateKey(c: Container): void {
    this.core.store.rotateKey(resolveContainer(this.core.world, c));
  }

  addRepository(owner: string, repo: string, opts?: { id?: number; environments?: string[]; private?: boolean }): number {
    return this.core.world.addRepository(owner, repo, opts);
  }

  addEnvironment(owner: string, repo: string, environment: string): void {
    this.core.world.addEnvironment(owner, repo, environment);
  }

  addOrganization(login: string, opts?: { id?: number }): void {
    this.core.world.addOrganization(login, opts?.id);
  }

  injectFault(f: FaultSpec): FaultHandle {
    return this.server.faults.add(f);
  }

  clearFaults(): void {
    this.server.faults.clear();
  }

  setReadAfterWriteDelay(ms: number): void {
    this.core.readAfterWrite.setDelay(ms);
  }

  setReadAfterWriteMisses(count: number): void {
    this.core.readAfterWrite.setMisses(count);
  }

  setStaleReads(ms: number): void {
    this.core.staleReads.setWindow(ms);
  }

  endStaleReads(): void {
    this.core.staleReads.catchUp();
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("latency must be a finite, non-negative number");
    this.server.latencyMs = ms;
  }

  setEchoRequests(on: boolean): void {
    this.server.echoRequests = on;
  }

  setSecondaryRateLimit(options: SecondaryRateLimitOptions | undefined): void {
    this.server.secondary.configure(options);
  }

  setContentCreationLimit(windows: readonly ContentCreationWindow[] | undefined): void {
    this.server.secondary.contentCreation.configure(windows);
  }

  clearRequests(): void {
    this.server.log.clear();
  }

  findRequests(filter?: RequestFilter): RecordedRequest[] {
    return this.server.log.find(filter);
  }

  countWrites(filter?: RequestFilter): number {
    return this.server.log.countWrites(filter);
  }

  maxConcurrency(filter?: RequestFilter): number {
    return this.server.log.maxConcurrency(filter);
  }

  addApp(spec?: AppSpec): EmulatorApp {
    return this.core.apps.add(spec);
  }

  get apps(): EmulatorApp[] {
    return this.core.apps.list();
  }

  setInstallationTokenLifetime(seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 1) throw new Error("the token lifetime must be a whole number of seconds, at least 1");
    this.core.apps.tokenLifetimeSeconds = seconds;
  }

  issuedInstallationTokens(): IssuedInstallationToken[] {
    return this.core.apps.issuedTokens();
  }
}
