// Picks out of GitHub's OpenAPI description what the emulator needs of each operation it serves:
// path and query parameters (with the page-size maximum only the prose states), the request body
// schema, the documented status codes and, where wanted, the success response schemas.

import { makeInliner } from "./inline-refs.mjs";
import { wantedOperations } from "./wanted-operations.mjs";

export function extractOperations(spec) {
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
