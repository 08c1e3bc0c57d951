// Declares the SecretsFromDotenv components listed in the `components` configuration value (JSON):
//   [{ "name": "repo", "args": { "repository": "app", "kind": "actions" }, "contentFrom": "repoEnv" },
//    { "name": "env", "args": { "path": "/tmp/…/env", … } },
//    { "name": "late", "args": { … }, "contentFrom": "lateEnv", "gate": "app" },
//    { "name": "renamed", "args": { … }, "aliases": [{ "name": "old" }] }]
// `contentFrom` names a secret configuration key holding the file's text (an Output);
// `gate` makes that content wait for a repository variable's `updatedAt`, so that it is
// unknown at preview whenever the variable (value from `gateValue`) changes.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { RepoVariable, SecretsFromDotenv } = require("pulumi-github-secrets");

const config = new pulumi.Config();

for (const component of JSON.parse(config.require("components"))) {
  const args = { ...component.args };
  if (component.contentFrom) args.content = config.requireSecret(component.contentFrom);
  if (component.gate) {
    const gate = new RepoVariable(`${component.name}-gate`, {
      repository: component.gate,
      variableName: "DOTENV_GATE",
      value: config.require("gateValue"),
    });
    args.content = pulumi.all([gate.updatedAt, args.content]).apply(([, content]) => content);
  }
  new SecretsFromDotenv(component.name, args, component.aliases ? { aliases: component.aliases } : undefined);
}
