import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { childName, dotenvItems, dotenvScope, parseDotenv, type ParsedDotenv } from "./dotenv-items";
import { targetArguments, targetOfArguments, type Scope } from "../scopes";
import type { DotenvKind, DriftPolicy, RepositoryReference, ResourceClassName, ScopeTarget, Visibility } from "../types";
import { CodespacesSecret } from "./codespaces-secret";
import { DependabotSecret } from "./dependabot-secret";
import { EnvironmentSecret } from "./environment-secret";
import { EnvironmentVariable } from "./environment-variable";
import { OrgSecret } from "./org-secret";
import { OrgVariable } from "./org-variable";
import { RepoSecret } from "./repo-secret";
import { RepoVariable } from "./repo-variable";
import { MODULE } from "./registration";

export interface SecretsFromDotenvArgs {
  /** A `.env` file, read when the program runs; relative paths start at the program's working directory. */
  path?: string;
  /** The text of a `.env` file, e.g. `config.requireSecret("dotenv")`. Exactly one of `path` and `content`. */
  content?: pulumi.Input<string>;
  /** What each key becomes. Default `"actions"` (Actions secrets), as `gh secret set -f`. */
  kind?: DotenvKind;
  /** Repository and environment targets: the account. Default: `github:owner` or GITHUB_OWNER. */
  owner?: pulumi.Input<string>;
  /** The repository (with `environment`: the environment's repository). Without it, the target is an organization. */
  repository?: pulumi.Input<string>;
  /** An environment of `repository` (Actions secrets and variables only). */
  environment?: pulumi.Input<string>;
  /** Organization target: the organization. Default: `github:owner` or GITHUB_OWNER. */
  org?: pulumi.Input<string>;
  /** Organization target: `all`, `private` or `selected`, for every item. */
  visibility?: pulumi.Input<Visibility>;
  /** Organization target with `visibility: "selected"`: repository names or ids, for every item. */
  selectedRepositories?: pulumi.Input<pulumi.Input<RepositoryReference>[]>;
  /** What refresh does about an item changed outside Pulumi, for every item (see `onDrift` above). */
  onDrift?: pulumi.Input<DriftPolicy>;
}

type ChildClass = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** The classes by name, as the registry (scopes.ts) names the class of each scope. */
const CLASSES: Readonly<Record<ResourceClassName, ChildClass>> = {
  RepoSecret,
  EnvironmentSecret,
  OrgSecret,
  DependabotSecret,
  CodespacesSecret,
  RepoVariable,
  EnvironmentVariable,
  OrgVariable,
};

/** A `.env` component targets a repository, an environment or an organization, never a user. */
type DotenvTarget = Exclude<ScopeTarget, "user">;

/**
 * Every key of a `.env` file as one GitHub secret or variable: a child resource of the
 * existing classes per key, named `<name>-<KEY>`, so removing a key removes only its item and
 * renaming a key creates the new item and deletes the old one. Every value is a Pulumi secret,
 * variables included. A bad key fails the program before any item is written, naming the key
 * once it passed the name rules (its line number otherwise) and never its value; so does a
 * line that is not a definition, as an unquoted multi-line value's lines are.
 *
 * With `path` or a plain string, the keys are known when the program runs, in preview too.
 * With an Output (`config.requireSecret`), the children are created inside an apply over the
 * content: the same whenever the content is known at preview, which stack configuration always
 * is. Content that comes from a resource this update creates or changes is unknown at preview;
 * then the preview cannot list the items and shows the existing ones as deletes (a warning says
 * so), and `pulumi up` writes and deletes only what the content says once it is known.
 */
export class SecretsFromDotenv extends pulumi.ComponentResource {
  /** GitHub's names of the items (the keys, upper-case), in file order. Not secret: only the values are. */
  readonly names: pulumi.Output<string[]>;

  constructor(name: string, args: SecretsFromDotenvArgs, opts?: pulumi.ComponentResourceOptions) {
    super(`${MODULE}:index:SecretsFromDotenv`, name, {}, opts);
    const fail = (message: string) => {
      // A RunError is printed as its message alone, before any item is registered. Its stack
      // is dropped too: the SDK still formats every uncaught error with util.inspect for its
      // trace, and Node 22.23's inspect spins for minutes, gigabytes of memory, on the frames
      // the SDK's source maps give an error thrown in an apply (`node_modules/@pulumi/output.ts`).
      const error = new pulumi.RunError(`SecretsFromDotenv "${name}": ${message}`);
      error.stack = error.message;
      return error;
    };

    const target = targetOfArguments(args) as DotenvTarget;
    const problem = argumentsProblem(args, target);
    if (problem) throw fail(problem);
    const scope = dotenvScope(args.kind ?? "actions", target);
    if (typeof scope === "string") throw fail(scope);
    // A field not given goes to every child as undefined, which is the same as not given.
    const shared = Object.fromEntries([...targetArguments(target), "onDrift"].map((f) => [f, args[f as keyof SecretsFromDotenvArgs]]));
    const source = args.path !== undefined ? `.env file ${JSON.stringify(args.path)}` : "`content`";

    /** Checks every key, then creates one child per key; nothing is created when a key is bad. */
    const createChildren = (parsed: ParsedDotenv, valueOf: (key: string) => pulumi.Input<string>) => {
      const { items, problems } = dotenvItems(parsed, scope);
      if (problems.length > 0) throw fail(`${source}: ${problems.join("; ")}. None of its items was written.`);
      const Child = CLASSES[scope.resourceClass];
      for (const item of items) {
        const childArgs = { ...shared, [scope.nameProperty]: item.name, value: pulumi.secret(valueOf(item.key)) };
        new Child(childName(name, item.name), childArgs as never, { parent: this });
      }
      return items.map((item) => item.name);
    };

    if (args.path !== undefined || typeof args.content === "string") {
      const parsed = parseDotenv(args.path !== undefined ? readDotenvFile(args.path, fail) : (args.content as string));
      this.names = pulumi.output(createChildren(parsed, (key) => parsed.values[key]!));
    } else {
      // The keys decide which children exist, so they are read inside an apply. The values stay
      // secret: each child's value is an Output of the (secret) parsed content, which also keeps
      // the dependencies of the content's resources. The keys are not secret.
      const parsed = pulumi.secret(pulumi.output(args.content!).apply(parseDotenv));
      this.names = pulumi.unsecret(parsed.apply((plain) => createChildren(plain, (key) => parsed.apply((all) => all.values[key]!))));
      warnWhenUnknownAtPreview(parsed, this, scope);
    }
    this.registerOutputs({ names: this.names });
  }
}

function argumentsProblem(args: SecretsFromDotenvArgs, target: DotenvTarget): string | undefined {
  if ((args.path === undefined) === (args.content === undefined)) {
    return "exactly one of `path` (a .env file) and `content` (its text) must be set";
  }
  if (args.path !== undefined && (typeof args.path !== "string" || args.path === "")) return "`path` must be a file path";
  if (target === "environment" && args.repository === undefined) return "`environment` needs the `repository` it belongs to";
  const fields = targetArguments(target);
  const stray = (["owner", "repository", "environment", "org", "visibility", "selectedRepositories"] as const).filter(
    (f) => args[f] !== undefined && !fields.includes(f),
  );
  if (stray.length > 0) {
    return `${stray.map((f) => `\`${f}\``).join(", ")} do not apply to ${target === "repository" ? "a" : "an"} ${target} target (given: ${fields.map((f) => `\`${f}\``).join(", ")})`;
  }
  return undefined;
}

function readDotenvFile(path: string, fail: (message: string) => Error): string {
  try {
    // Stryker disable next-line StringLiteral: without an encoding it is a Buffer, which dotenv's parse reads as UTF-8 too
    return readFileSync(path, "utf8");
  } catch (e) {
    // The error's code and path only: nothing of the content.
    // Stryker disable next-line StringLiteral: the fallback is for an error without a code, which readFileSync does not throw
    throw fail(`cannot read the .env file ${JSON.stringify(path)} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/**
 * A preview skips an apply over an unknown value, so no child is registered and the preview
 * shows this component's existing items as deleted; `pulumi up` runs the apply with the real
 * content and deletes nothing that is still in the file. Say so rather than let it alarm.
 * `isKnown` is the SDK's own flag on every Output (not in its published typings).
 */
function warnWhenUnknownAtPreview(values: pulumi.Output<unknown>, component: pulumi.Resource, scope: Scope): void {
  // Stryker disable next-line ConditionalExpression: outside a preview every Output is known, so the warning could not fire either
  if (!pulumi.runtime.isDryRun()) return;
  const known = (values as unknown as { isKnown?: Promise<boolean> }).isKnown;
  // Stryker disable next-line OptionalChaining: every Output of the SDKs this package supports has isKnown
  void known?.then((isKnown) => {
    if (!isKnown) {
      pulumi.log.warn(
        `the .env content is not known during preview (it comes from a resource not yet updated), so its ${scope.kind}s are not listed and existing ones show as deleted; \`pulumi up\` reads the content and writes and deletes only what the file says`,
        component,
      );
    }
  });
}
