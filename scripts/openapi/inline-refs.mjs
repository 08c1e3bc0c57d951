// Inlines the "#/components/..." references of GitHub's OpenAPI description and drops its
// documentation-only keys, so each extracted schema stands alone and stays small.

const DROP_KEYS = new Set(["description", "example", "examples", "title", "summary", "externalDocs"]);

/** Resolves "#/components/..." references, inlining them; drops documentation-only keys. */
export function makeInliner(spec) {
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
