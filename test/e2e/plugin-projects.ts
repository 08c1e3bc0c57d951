import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { goSdkModuleDir, pythonVirtualenv } from "./language-toolchain";
import { repositoryRoot } from "./support";

/*
 * A project directory per language for the plugin's end-to-end tests: the example program of
 * examples/plugin-<language>/, its SDK generated from the built plugin (`pulumi package gen-sdk`)
 * and installed offline, and a `plugins: providers:` entry naming the plugin's directory. That
 * entry stands in for `pulumi package add`, whose last step (linking the SDK into the project)
 * the language hosts built here do not implement.
 */

export type PluginLanguage = "yaml" | "python" | "go";

export const pluginDir = path.join(repositoryRoot, "dist", "provider", "plugin");

const pluginEntry = () => `plugins:\n  providers:\n    - name: github-secrets\n      path: ${pluginDir}\n`;

function generateSdk(language: "python" | "go", outDir: string, env: NodeJS.ProcessEnv): string {
  execFileSync("pulumi", ["package", "gen-sdk", pluginDir, "--language", language, "--out", outDir], { env, stdio: "pipe" });
  return path.join(outDir, language);
}

/** A fresh virtualenv with the Python SDK and this package's generated SDK, installed from local files only. */
function pythonEnvironment(sdkDir: string, workDir: string): string {
  const shared = pythonVirtualenv();
  const venv = path.join(workDir, "venv");
  execFileSync("python3", ["-m", "venv", venv], { stdio: "pipe" });
  const pip = (...args: string[]) => execFileSync(path.join(venv, "bin", "python"), ["-m", "pip", "install", "--no-index", "--quiet", ...args], { stdio: "pipe" });
  pip("--find-links", path.join(shared, "wheelhouse"), "pulumi==3.272.0", "setuptools", "wheel");
  pip("--no-build-isolation", "--find-links", path.join(shared, "wheelhouse"), sdkDir);
  return venv;
}

/** The generated SDK's import path, from the schema's `language.go.importBasePath`. */
const GO_SDK_PATH = "example.com/pulumi-github-secrets/sdk/go/githubsecrets";

/**
 * The Go program's module: the Go SDK at the version the toolchain warmed, and the generated
 * SDK through a replace. `gen-sdk` writes no go.mod for the generated package (linking it into a
 * project, as `pulumi package add` does, writes one), so one is written here.
 */
function goModule(projectDir: string, sdkDir: string): void {
  const warm = goSdkModuleDir();
  const warmMod = readFileSync(path.join(warm, "go.mod"), "utf8");
  const requires = warmMod.slice(warmMod.indexOf("require"));
  const goLine = /^go \S+$/m.exec(warmMod)?.[0] ?? "go 1.26.6";
  const generated = path.join(sdkDir, "githubsecrets");
  writeFileSync(path.join(generated, "go.mod"), `module ${GO_SDK_PATH}\n\n${goLine}\n\n${requires}`);
  copyFileSync(path.join(warm, "go.sum"), path.join(generated, "go.sum"));
  writeFileSync(
    path.join(projectDir, "go.mod"),
    `module github-secrets-go\n\n${goLine}\n\n${requires}\nrequire ${GO_SDK_PATH} v0.0.0\n\nreplace ${GO_SDK_PATH} => ${generated}\n`,
  );
  copyFileSync(path.join(warm, "go.sum"), path.join(projectDir, "go.sum"));
}

/** A temporary project for `language`, ready for `pulumi up`; `env` is what `pulumi` commands get. */
export function preparePluginProject(language: PluginLanguage, env: NodeJS.ProcessEnv): string {
  const workDir = mkdtempSync(path.join(os.tmpdir(), `github-secrets-plugin-${language}-`));
  const projectDir = path.join(workDir, "project");
  const exampleDir = path.join(repositoryRoot, "examples", `plugin-${language}`);
  mkdirSync(projectDir);
  for (const file of readdirSync(exampleDir)) if (file !== "Pulumi.yaml" && file !== "README.md") copyFileSync(path.join(exampleDir, file), path.join(projectDir, file));
  let project = readFileSync(path.join(exampleDir, "Pulumi.yaml"), "utf8");
  if (language === "python") {
    const venv = pythonEnvironment(generateSdk("python", path.join(workDir, "sdk"), env), workDir);
    project = project.replace(/^runtime:.*$/m, `runtime:\n  name: python\n  options:\n    virtualenv: ${venv}`);
  } else if (language === "go") {
    goModule(projectDir, generateSdk("go", path.join(workDir, "sdk"), env));
  }
  writeFileSync(path.join(projectDir, "Pulumi.yaml"), `${project.trimEnd()}\n${pluginEntry()}`);
  return projectDir;
}
