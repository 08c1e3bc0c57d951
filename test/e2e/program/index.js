// Declares the resources listed in the `spec` configuration value (JSON):
//   [{ "type": "RepoSecret", "name": "db", "args": { … }, "valueFrom": "dbValue", "aliases": [{ "name": "old" }] }]
// `valueFrom` names a secret configuration key holding the value. `secretArgs` maps inputs
// to keys of the JSON file named by the `secretValuesFile` configuration value, passed as
// Pulumi secrets: secrets that, unlike configuration secrets, the engine does not mask in
// its own output (as a generated password or a value read from a vault would be).
// Plain JavaScript, so the same file runs in the repository and in a fresh project that
// installed the packed package.
"use strict";
const fs = require("node:fs");
const pulumi = require("@pulumi/pulumi");
const secrets = require("pulumi-github-secrets");

const config = new pulumi.Config();
const spec = JSON.parse(config.require("spec"));
const valuesFile = config.get("secretValuesFile");
const secretValues = valuesFile ? JSON.parse(fs.readFileSync(valuesFile, "utf8")) : {};

for (const item of spec) {
  const args = { ...item.args };
  if (item.valueFrom) args.value = config.requireSecret(item.valueFrom);
  for (const [input, key] of Object.entries(item.secretArgs ?? {})) args[input] = pulumi.secret(secretValues[key]);
  new secrets[item.type](item.name, args, item.aliases ? { aliases: item.aliases } : undefined);
}
