// Declares the resources listed in the `spec` configuration value (JSON):
//   [{ "type": "RepoSecret", "name": "db", "args": { … }, "valueFrom": "dbValue", "aliases": [{ "name": "old" }] }]
// `valueFrom` names a secret configuration key holding the value. Plain JavaScript, so the
// same file runs in the repository and in a fresh project that installed the packed package.
"use strict";
const pulumi = require("@pulumi/pulumi");
const secrets = require("pulumi-github-secrets");

const config = new pulumi.Config();
const spec = JSON.parse(config.require("spec"));

for (const item of spec) {
  const args = { ...item.args };
  if (item.valueFrom) args.value = config.requireSecret(item.valueFrom);
  new secrets[item.type](item.name, args, item.aliases ? { aliases: item.aliases } : undefined);
}
