import type { GitHubClients } from "../github/clients";
import type { PublicKey } from "../github/public-keys";
import type { RemoteItem } from "../lifecycle/item-operation";
import { WriteJournal } from "../lifecycle/write-journal";
import { redact } from "../redaction/redact";
import type { ProviderConfiguration } from "../types";
import { privateKeyParts } from "./app-credentials";
import { PromiseCache } from "./promise-cache";

export interface DeploymentOptions {
  /**
   * How long one second of GitHub's waits lasts, in ms: `retry-after`, `x-ratelimit-reset` and
   * plugin-retry's backoff. Always 1000 for users; tests shorten it, so that the same code waits
   * the same number of seconds, each a few ms long.
   */
  readonly secondMs?: number;
}

/**
 * Everything that lives for one provider process, i.e. one phase of one Pulumi command: the
 * connection settings, the clients (one write queue, one rate-limit state), what was learned
 * from GitHub (public keys, listings, repository ids), the values `valueFrom` sources gave, and
 * the journal of writes. `operations.ts` makes it when Pulumi configures the provider and
 * passes it to the code that needs it; a test makes a fresh one.
 */
export class Deployment {
  /** Container public keys, by container path. */
  readonly publicKeys = new PromiseCache<PublicKey>();
  /** Every item of a container, by collection path; see github/item-listings.ts. */
  readonly listings = new PromiseCache<Map<string, RemoteItem>>();
  /** Repository ids by `owner/name`, and the authenticated user's login. */
  readonly repositoryIds = new PromiseCache<number>();
  readonly logins = new PromiseCache<string>();
  /** Each source read once: resources sharing a source share one read, and diff and update see the same value. */
  readonly sourceReads = new PromiseCache<string>(true);
  readonly journal = new WriteJournal();
  /** Every GitHub App installation token received: no message may show one. */
  readonly installationTokens = new Set<string>();
  /** Every JSON web token signed as the GitHub App (each buys installation tokens for 10 minutes): no message may show one. */
  readonly appJwts = new Set<string>();
  readonly secondMs: number;
  private madeClients: GitHubClients | undefined;

  constructor(
    readonly configuration: ProviderConfiguration,
    options: DeploymentOptions = {},
  ) {
    this.secondMs = options.secondMs ?? 1000;
  }

  /**
   * `text` with every credential of this deployment masked, and `values` too: the token, the
   * App's private key, the installation tokens and JWTs so far. Every message that leaves the
   * provider and could quote a request goes through this.
   */
  // Stryker disable next-line ArrayDeclaration: only a message quoting the mutant's own marker could tell
  redact(text: string, values: Iterable<string | undefined> = []): string {
    const { token, app } = this.configuration;
    return redact(text, [token, ...privateKeyParts(app?.privateKey), ...this.installationTokens, ...this.appJwts, ...values]);
  }

  /** The clients, made on first use. */
  get clients(): GitHubClients {
    // Required here rather than imported: preview and a no-change up never call GitHub, and the
    // HTTP stack was most of what they loaded.
    this.madeClients ??= (require("../github/clients") as typeof import("../github/clients")).createClients(this);
    return this.madeClients;
  }
}
