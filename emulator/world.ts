// The known world: organizations, the authenticated user, repositories and their environments.
// Owner, repository, organization and environment names are matched case-insensitively.

export interface Account {
  login: string;
  id: number;
  type: "Organization" | "User";
}

export interface Repository {
  id: number;
  owner: Account;
  name: string;
  private: boolean;
  environments: string[];
  createdAt: string;
}

export interface WorldSeed {
  accounts: Account[];
  repositories: { owner: string; name: string; id: number; environments?: string[]; private?: boolean }[];
  /** Login of the authenticated user (must be a "User" account). */
  user: string;
}

export const DEFAULT_SEED: WorldSeed = {
  accounts: [
    { login: "octo-org", id: 9919001, type: "Organization" },
    { login: "octocat", id: 583231, type: "User" },
  ],
  repositories: [
    { owner: "octo-org", name: "app", id: 1001, environments: ["production", "staging/eu", "préprod ü"] },
    { owner: "octo-org", name: "api", id: 1002 },
    { owner: "octo-org", name: "web", id: 1003 },
    { owner: "octocat", name: "dotfiles", id: 2001, private: false },
  ],
  user: "octocat",
};

const EMPTY_SEED: WorldSeed = {
  accounts: [{ login: "octocat", id: 583231, type: "User" }],
  repositories: [],
  user: "octocat",
};

const lower = (s: string): string => s.toLowerCase();

export class World {
  private accounts = new Map<string, Account>();
  private repos = new Map<string, Repository>();
  private nextAccountId = 100000;
  private nextRepoId = 3001;
  private userLogin = "octocat";

  constructor(private readonly seed: WorldSeed = DEFAULT_SEED) {
    this.reset();
  }

  static withSeed(enabled: boolean): World {
    return new World(enabled ? DEFAULT_SEED : EMPTY_SEED);
  }

  reset(): void {
    this.accounts.clear();
    this.repos.clear();
    this.nextAccountId = 100000;
    this.nextRepoId = 3001;
    for (const a of this.seed.accounts) this.accounts.set(lower(a.login), { ...a });
    this.userLogin = this.seed.user;
    for (const r of this.seed.repositories) {
      this.addRepository(r.owner, r.name, { id: r.id, environments: r.environments, private: r.private });
    }
  }

  get user(): Account {
    const u = this.accounts.get(lower(this.userLogin));
    if (!u) throw new Error(`seed lacks the authenticated user ${this.userLogin}`);
    return u;
  }

  account(login: string): Account | undefined {
    return this.accounts.get(lower(login));
  }

  organization(login: string): Account | undefined {
    const a = this.account(login);
    return a?.type === "Organization" ? a : undefined;
  }

  addOrganization(login: string, id?: number): Account {
    const existing = this.account(login);
    if (existing) {
      if (existing.type !== "Organization") throw new Error(`${login} is a user, not an organization`);
      return existing;
    }
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(login)) throw new Error(`invalid organization login: ${login}`);
    const org: Account = { login, id: id ?? this.nextAccountId++, type: "Organization" };
    this.accounts.set(lower(login), org);
    return org;
  }

  /** Adds a repository (creating its owner as an organization when unknown); returns its id. */
  addRepository(owner: string, name: string, opts: { id?: number; environments?: string[]; private?: boolean } = {}): number {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`invalid repository name: ${name}`);
    const account = this.account(owner) ?? this.addOrganization(owner);
    const key = `${lower(account.login)}/${lower(name)}`;
    if (this.repos.has(key)) throw new Error(`repository ${account.login}/${name} already exists`);
    const id = opts.id ?? this.nextRepoId++;
    if (this.repositoryById(id)) throw new Error(`repository id ${id} is already taken`);
    if (id >= this.nextRepoId) this.nextRepoId = id + 1;
    this.repos.set(key, {
      id,
      owner: account,
      name,
      private: opts.private ?? true,
      environments: [],
      createdAt: "2024-01-01T00:00:00Z",
    });
    for (const env of opts.environments ?? []) this.addEnvironment(account.login, name, env);
    return id;
  }

  addEnvironment(owner: string, repo: string, environment: string): void {
    const r = this.repository(owner, repo);
    if (!r) throw new Error(`unknown repository ${owner}/${repo}`);
    if (environment.length === 0 || environment.length > 255) throw new Error("environment names have 1 to 255 characters");
    if (!this.environment(r, environment)) r.environments.push(environment);
  }

  repository(owner: string, name: string): Repository | undefined {
    return this.repos.get(`${lower(owner)}/${lower(name)}`);
  }

  repositoryById(id: number): Repository | undefined {
    for (const r of this.repos.values()) if (r.id === id) return r;
    return undefined;
  }

  /** The environment's canonical name, if the repository has it. */
  environment(repo: Repository, name: string): string | undefined {
    return repo.environments.find((e) => lower(e) === lower(name));
  }

  repositoriesOf(owner: Account): Repository[] {
    return [...this.repos.values()].filter((r) => r.owner === owner).sort((a, b) => a.id - b.id);
  }

  allRepositories(): Repository[] {
    return [...this.repos.values()].sort((a, b) => a.id - b.id);
  }
}
