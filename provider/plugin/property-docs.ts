/*
 * One schema entry per property name, shared by every resource class that has the property:
 * its type and what a user of any language reads about it. Kept beside the schema builder so
 * that the descriptions say what the dynamic resources' TSDoc says.
 */

export interface PropertyDoc {
  readonly type?: "string" | "integer" | "boolean" | "array";
  readonly $ref?: string;
  readonly items?: object;
  readonly description: string;
  /** Which kinds keep the property as a secret in every SDK and in state. */
  readonly secretFor?: "secret" | "both";
}

const REPOSITORY_REFERENCE = { oneOf: [{ type: "string" }, { type: "integer" }] };

export const PROPERTY_DOCS: Readonly<Record<string, PropertyDoc>> = {
  owner: { type: "string", description: "The account that owns the repository. Default: the provider's `owner` (`github-secrets:owner`, GITHUB_OWNER)." },
  repository: { type: "string", description: "The repository's name, without the owner." },
  environment: { type: "string", description: "The deployment environment's name." },
  org: { type: "string", description: "The organization. Default: the provider's `owner` (`github-secrets:owner`, GITHUB_OWNER)." },
  user: {
    type: "boolean",
    description: "`true` for the authenticated user's own Codespaces secret; otherwise `repository` chooses a repository's secret, and neither an organization's.",
  },
  secretName: { type: "string", description: "The secret's name: letters, digits and `_`, not starting with a digit nor `GITHUB_`. Stored upper-case, as GitHub does." },
  variableName: { type: "string", description: "The variable's name: letters, digits and `_`, not starting with a digit nor `GITHUB_`. Stored upper-case, as GitHub does." },
  value: {
    type: "string",
    secretFor: "secret",
    description: "The value, at most 48 KB. A secret's value is always a Pulumi secret and is sealed before it is sent; a variable's stays as the program passed it.",
  },
  valueEncrypted: { type: "string", secretFor: "both", description: "A value sealed elsewhere with GitHub's public key: base64 of a libsodium sealed box. Needs `keyId`." },
  keyId: { type: "string", description: "The id of the public key `valueEncrypted` was sealed with." },
  valueFrom: {
    $ref: "#/types/github-secrets:index:ValueSource",
    description: "Read the value in the provider's process at preview and deploy time instead; the state keeps only a salted fingerprint.",
  },
  onDrift: {
    type: "string",
    description:
      "What refresh does about a change made outside Pulumi: `overwrite` (default: the next up writes the configured value again), `ignore` (accept it), or `fail` (stop, naming the item).",
  },
  visibility: { type: "string", description: "Which repositories may use the item: `all`, `private` or `selected`. Default: `selected` with `selectedRepositories`, else `private`." },
  selectedRepositories: {
    type: "array",
    items: REPOSITORY_REFERENCE,
    description: "The repositories that may use the item: names (`repo`, `owner/repo`) or numeric ids.",
  },
  valueFingerprint: { type: "string", secretFor: "both", description: "With `valueFrom`: a salted scrypt hash of the value written last." },
  selectedRepositoryIds: { type: "array", items: { type: "integer" }, description: "The numeric ids of `selectedRepositories`, as resolved at the last write." },
  createdAt: { type: "string", description: "When GitHub created the item." },
  updatedAt: { type: "string", description: "GitHub's `updated_at` as of this resource's last write or refresh." },
};
