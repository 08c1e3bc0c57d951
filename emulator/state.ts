// The store: one ContainerState per scope instance, holding its key pair, secrets and variables.
//
// Key pairs are generated on first use and remembered per container across reset(), so clients
// that cache a public key between tests keep working; reset() undoes rotations.

import { isoSeconds } from "./clock";
import type { ResolvedContainer } from "./containers";
import { generateKeyPair, type KeyPair } from "./sealed-box";
import type { StoredSecret, StoredVariable, Visibility } from "./types";

/** What secrets and variables have in common. Timestamps are epoch ms (whole seconds). */
export interface ItemRecord {
  name: string;
  createdAt: number;
  updatedAt: number;
  /** Organization scopes. */
  visibility?: Visibility;
  /** Organization scopes while visibility is `selected`; always for user Codespaces secrets. */
  selectedRepositoryIds?: number[];
  /** Eventual consistency: GETs answer 404 until this real time (performance.now() ms)… */
  hiddenUntil?: number;
  /** …and for this many more GETs. */
  hiddenGets?: number;
  /** Stale reads: the version GETs and lists still show, until `until` (performance.now() ms). */
  stale?: { previous: ItemRecord; until: number; generation: number };
}

export interface SecretRecord extends ItemRecord {
  bytes: Uint8Array;
}

export interface VariableRecord extends ItemRecord {
  value: string;
}

export type ItemKind = "secrets" | "variables";

export class ContainerState {
  readonly secrets = new Map<string, SecretRecord>();
  readonly variables = new Map<string, VariableRecord>();
  constructor(
    readonly container: ResolvedContainer,
    public keyPair: KeyPair,
  ) {}

  items(kind: ItemKind): Map<string, ItemRecord> {
    return kind === "secrets" ? this.secrets : this.variables;
  }
}

export class Store {
  private readonly originalKeys = new Map<string, KeyPair>();
  private readonly states = new Map<string, ContainerState>();

  state(container: ResolvedContainer): ContainerState {
    let s = this.states.get(container.key);
    if (!s) {
      let keyPair = this.originalKeys.get(container.key);
      if (!keyPair) {
        keyPair = generateKeyPair();
        this.originalKeys.set(container.key, keyPair);
      }
      s = new ContainerState(container, keyPair);
      this.states.set(container.key, s);
    }
    return s;
  }

  rotateKey(container: ResolvedContainer): KeyPair {
    const s = this.state(container);
    s.keyPair = generateKeyPair();
    return s.keyPair;
  }

  /** Forgets every secret and variable and undoes key rotations. */
  reset(): void {
    this.states.clear();
  }
}

function selectionCopy(r: ItemRecord): Pick<StoredSecret, "visibility" | "selectedRepositoryIds"> {
  return {
    ...(r.visibility !== undefined ? { visibility: r.visibility } : {}),
    ...(r.selectedRepositoryIds !== undefined ? { selectedRepositoryIds: [...r.selectedRepositoryIds] } : {}),
  };
}

export function secretSnapshot(r: SecretRecord): StoredSecret {
  return {
    name: r.name,
    value: Buffer.from(r.bytes).toString("utf8"),
    bytes: new Uint8Array(r.bytes),
    createdAt: isoSeconds(r.createdAt),
    updatedAt: isoSeconds(r.updatedAt),
    ...selectionCopy(r),
  };
}

export function variableSnapshot(r: VariableRecord): StoredVariable {
  return {
    name: r.name,
    value: r.value,
    createdAt: isoSeconds(r.createdAt),
    updatedAt: isoSeconds(r.updatedAt),
    ...selectionCopy(r),
  };
}

export function sortedByName<T extends ItemRecord>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
