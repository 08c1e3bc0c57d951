// The operations the GitHub emulator serves, as OpenAPI method and path template, and whether
// their success response schemas are kept. Keep in sync with emulator/scopes.ts: the emulator
// refuses to start if one of its routes is missing from the extracted schemas.

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
export function wantedOperations() {
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
