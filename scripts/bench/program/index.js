// The benchmark's program: `count` secrets spread evenly over `repositories` repositories, as
// RepoSecrets (variant "ours") or as the floor's no-op resources (variant "floor"). Changing
// `version` changes every value.
"use strict";
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const repositories = config.requireNumber("repositories");
const version = config.require("version");
const Secret = config.require("variant") === "ours" ? require("pulumi-github-secrets").RepoSecret : require("bench-floor").NoOpSecret;

for (let i = 0; i < count; i++) {
  new Secret(`secret-${i}`, {
    owner: "octo-org",
    repository: `bench-${Math.floor((i * repositories) / count)}`,
    secretName: `BENCH_SECRET_${i}`,
    value: pulumi.secret(`value-${version}-${i}`),
  });
}
