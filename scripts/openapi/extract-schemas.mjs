#!/usr/bin/env node
// Extracts, from GitHub's published OpenAPI description (npm package @octokit/openapi),
// the parts the GitHub emulator (emulator/) needs: for every operation it serves,
// the request body schema ($refs inlined), the path/query parameter schemas, the documented
// response status codes and (for the small secret/variable payloads) the success response
// schema. The result is written to emulator/openapi/github-schemas.json.
//
// The package is NOT installed into the project: it is fetched with `npm pack` into a
// temporary directory and only generated/api.github.com.json is extracted from the tarball
// (the full package unpacks to ~400 MB).
//
// Usage:
//   node scripts/openapi/extract-schemas.mjs                 # pinned version (see DEFAULT_VERSION)
//   node scripts/openapi/extract-schemas.mjs --version latest
//   node scripts/openapi/extract-schemas.mjs --spec /path/to/api.github.com.json [--spec-version X]
//   node scripts/openapi/extract-schemas.mjs --out other.json
//   node scripts/openapi/extract-schemas.mjs --check         # exit 1 if the output would change

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const DEFAULT_VERSION = "23.0.2";
const PACKAGE = "@octokit/openapi";
const SPEC_IN_TARBALL = "package/generated/api.github.com.json";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");
const DEFAULT_OUT = join(repoRoot, "emulator", "openapi", "github-schemas.json");

// ---------------------------------------------------------------------------
// The operations the emulator serves. Keep in sync with emulator/scopes.ts:
// the emulator refuses to start if one of its routes is missing from the output.
// ---------------------------------------------------------------------------
const SECRET_BASES = [
  { base: "/repos/{owner}/{repo}/actions", selection: false },
  { base: "/repos/{owner}/{repo}/environments/{environment_name}", selection: false },
  { base: "/orgs/{org}/actions", selection: true },
  { base: "/repos/{owner}/{repo}/dependabot", selection: false },
  { base: "/orgs/{org}/dependabot", selection: true },
  { base: "/repos/{owner}/{repo}/codespaces", selection: false },
  { base: "/orgs/{org}/codespaces", selection: true },
  { base: "/user/codespaces", selection: true },
];
const VARIABLE_BASES = [
  { base: "/repos/{owner}/{repo}/actions", selection: false },
  { base: "/repos/{owner}/{repo}/environments/{environment_name}", selection: false },
  { base: "/orgs/{org}/actions", selection: true },
];

/** @returns {{ method: string, path: string, responseSchema: boolean }[]} */
function wantedOperations() {
  const ops = [];
  const add = (method, path, responseSchema = true) => ops.push({ method, path, responseSchema });
  for (const { base, selection } of SECRET_BASES) {
    add("GET", `${base}/secrets`);
    add("GET", `${base}/secrets/public-key`);
    add("GET", `${base}/secrets/{secret_name}`);
    add("PUT", `${base}/secrets/{secret_name}`);
    add("DELETE", `${base}/secrets/{secret_name}`);
    if (selection) {
      // Repository objects are large; their response schemas are left out.
      add("GET", `${base}/secrets/{secret_name}/repositories`, false);
      add("PUT", `${base}/secrets/{secret_name}/repositories`);
      add("PUT", `${base}/secrets/{secret_name}/repositories/{repository_id}`);
      add("DELETE", `${base}/secrets/{secret_name}/repositories/{repository_id}`);
    }
  }
  for (const { base, selection } of VARIABLE_BASES) {
    add("GET", `${base}/variables`);
    add("POST", `${base}/variables`);
    add("GET", `${base}/variables/{name}`);
    add("PATCH", `${base}/variables/{name}`);
    add("DELETE", `${base}/variables/{name}`);
    if (selection) {
      add("GET", `${base}/variables/{name}/repositories`, false);
      add("PUT", `${base}/variables/{name}/repositories`);
      add("PUT", `${base}/variables/{name}/repositories/{repository_id}`);
      add("DELETE", `${base}/variables/{name}/repositories/{repository_id}`);
    }
  }
  add("GET", "/repos/{owner}/{repo}", false);
  add("GET", "/user", false);
  // GitHub Apps: the installation token exchange.
  add("POST", "/app/installations/{installation_id}/access_tokens", false);
  return ops;
}

// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { version: DEFAULT_VERSION, spec: undefined, specVersion: undefined, out: DEFAULT_OUT, check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--version") args.version = next();
    else if (a === "--spec") args.spec = resolve(next());
    else if (a === "--spec-version") args.specVersion = next();
    else if (a === "--out") args.out = resolve(next());
    else if (a === "--check") args.check = true;
    else if (a === "--help" || a === "-h") {
      console.log("usage: extract-schemas.mjs [--version V | --spec FILE [--spec-version V]] [--out FILE] [--check]");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

function npmPackSpec(version) {
  const dir = mkdtempSync(join(tmpdir(), "octokit-openapi-"));
  try {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const out = execFileSync(npm, ["pack", `${PACKAGE}@${version}`, "--pack-destination", dir, "--json", "--silent"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
    const start = out.indexOf("[");
    const info = JSON.parse(out.slice(start));
    const tarball = join(dir, info[0].filename);
    execFileSync("tar", ["-xzf", tarball, "-C", dir, SPEC_IN_TARBALL, "package/package.json"], { stdio: "inherit" });
    const pkg = JSON.parse(readFileSync(join(dir, "package", "package.json"), "utf8"));
    const spec = JSON.parse(readFileSync(join(dir, SPEC_IN_TARBALL), "utf8"));
    return { spec, version: pkg.version, integrity: info[0].integrity };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const DROP_KEYS = new Set(["description", "example", "examples", "title", "summary", "externalDocs"]);

/** Resolves "#/components/..." references, inlining them; drops documentation-only keys. */
function makeInliner(spec) {
  const lookup = (ref) => {
    if (!ref.startsWith("#/")) throw new Error(`external $ref not supported: ${ref}`);
    let node = spec;
    for (const part of ref.slice(2).split("/")) {
      node = node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
      if (node === undefined) throw new Error(`dangling $ref ${ref}`);
    }
    return node;
  };
  const inline = (node, seen = []) => {
    if (Array.isArray(node)) return node.map((n) => inline(n, seen));
    if (node === null || typeof node !== "object") return node;
    if (typeof node.$ref === "string") {
      if (seen.includes(node.$ref)) throw new Error(`recursive $ref ${node.$ref}`);
      return inline(lookup(node.$ref), [...seen, node.$ref]);
    }
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (DROP_KEYS.has(k) || k.startsWith("x-")) continue;
      // "properties" maps names to schemas: its keys are data, never keywords to drop.
      if (k === "properties" && v && typeof v === "object") {
        out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, inline(pv, seen)]));
        continue;
      }
      out[k] = inline(v, seen);
    }
    return out;
  };
  return { inline, lookup };
}

function extract(spec) {
  const { inline, lookup } = makeInliner(spec);
  const operations = {};
  const missing = [];
  for (const { method, path, responseSchema } of wantedOperations()) {
    const op = spec.paths?.[path]?.[method.toLowerCase()];
    if (!op) {
      missing.push(`${method} ${path}`);
      continue;
    }
    const params = [...(spec.paths[path].parameters ?? []), ...(op.parameters ?? [])]
      .map((p) => (p.$ref ? lookup(p.$ref) : p))
      .filter((p) => p.in === "path" || p.in === "query")
      .map((p) => {
        const param = { name: p.name, in: p.in, required: p.required === true, schema: inline(p.schema ?? {}) };
        // The page-size limit lives only in the prose ("The number of results per page (max 30)").
        const max = /\(max (\d+)\)/.exec(p.description ?? "");
        if (max) param.documentedMaximum = Number(max[1]);
        return param;
      });
    let requestBody = null;
    if (op.requestBody) {
      const rb = op.requestBody.$ref ? lookup(op.requestBody.$ref) : op.requestBody;
      const media = rb.content?.["application/json"];
      if (!media) throw new Error(`${method} ${path}: request body is not application/json`);
      requestBody = { required: rb.required === true, schema: inline(media.schema ?? {}) };
    }
    const responses = Object.keys(op.responses ?? {}).map(Number).sort((a, b) => a - b);
    let successSchemas;
    if (responseSchema) {
      for (const code of responses.filter((c) => c >= 200 && c < 300)) {
        const r = op.responses[String(code)];
        const resolved = r.$ref ? lookup(r.$ref) : r;
        const schema = resolved.content?.["application/json"]?.schema;
        if (schema) (successSchemas ??= {})[String(code)] = inline(schema);
      }
    }
    operations[`${method} ${path}`] = {
      operationId: op.operationId,
      documentationUrl: op.externalDocs?.url ?? null,
      parameters: params,
      requestBody,
      responses,
      ...(successSchemas ? { responseSchemas: successSchemas } : {}),
    };
  }
  if (missing.length > 0) {
    throw new Error(`the OpenAPI description lacks operations the emulator serves:\n  ${missing.join("\n  ")}`);
  }
  return operations;
}

/** One operation per line: small, yet diffs stay readable when the description changes. */
function formatOutput(output) {
  const { operations, ...head } = output;
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, "");
  const opLines = Object.entries(operations).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `${headText},\n  "operations": {\n${opLines.join(",\n")}\n  }\n}\n`;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  let spec;
  let version;
  if (args.spec) {
    spec = JSON.parse(readFileSync(args.spec, "utf8"));
    version = args.specVersion ?? spec.info?.version ?? "unknown";
  } else {
    ({ spec, version } = npmPackSpec(args.version));
  }
  const operations = extract(spec);
  const output = {
    $comment:
      "Generated by scripts/openapi/extract-schemas.mjs from GitHub's OpenAPI description; do not edit by hand.",
    source: {
      package: PACKAGE,
      version,
      file: "generated/api.github.com.json",
      openapi: spec.openapi,
    },
    operations,
  };
  const text = formatOutput(output);
  if (args.check) {
    const current = existsSync(args.out) ? readFileSync(args.out, "utf8") : "";
    if (current !== text) {
      console.error(`${args.out} is out of date (regenerate with node scripts/openapi/extract-schemas.mjs)`);
      process.exit(1);
    }
    console.log(`${args.out} is up to date (${PACKAGE}@${version}, ${Object.keys(operations).length} operations)`);
    return;
  }
  writeFileSync(args.out, text);
  console.log(
    `wrote ${args.out}: ${Object.keys(operations).length} operations from ${PACKAGE}@${version} (${text.length} bytes)`,
  );
}

main();
