import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import path from "node:path";

/*
 * Where scripts/toolchain/ensure-language-hosts.sh put the Python and Go SDKs.
 * scripts/bootstrap.sh (run by `npm test`) exports these variables and puts the Python, Go and
 * YAML language hosts on PATH, where the CLI looks for `pulumi-language-<runtime>`.
 */

function toolchainPath(name: string): string {
  const value = process.env[name];
  if (!value) assert.fail(`${name} is not set: run the tests with \`npm test\`, which sources scripts/bootstrap.sh`);
  return value;
}

/** The virtualenv holding the Python SDK, for `runtime.options.virtualenv` in Pulumi.yaml. */
export function pythonVirtualenv(): string {
  return toolchainPath("PULUMI_GITHUB_SECRETS_PYTHON_VENV");
}

/** The cached Go SDK warm-up module's directory (go.mod, go.sum, main.go). */
export function goSdkModuleDir(): string {
  return toolchainPath("PULUMI_GITHUB_SECRETS_GO_SDK_MODULE");
}

/**
 * Gives `projectDir` the go.mod and go.sum of the cached Go SDK warm-up module: they require
 * the pinned github.com/pulumi/pulumi/sdk/v3, and with them a program importing go/pulumi and
 * go/pulumi/config builds from Go's warm caches, offline. Add the program's own main.go.
 */
export function useGoSdkModule(projectDir: string): void {
  const moduleDir = goSdkModuleDir();
  for (const file of ["go.mod", "go.sum"]) copyFileSync(path.join(moduleDir, file), path.join(projectDir, file));
}
