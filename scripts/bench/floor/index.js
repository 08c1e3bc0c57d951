// The benchmark's floor: a dynamic resource with the same inputs as a RepoSecret whose
// provider does nothing. Built like pulumi-github-secrets' provider: one provider object per
// class, each method forwarding to an implementation `require`d by package name when it runs,
// so the engine and the SDK do the same work (serialization, secrets, state) for both.
"use strict";
const pulumi = require("@pulumi/pulumi");

const provider = {
  check: async (olds, news) => require("bench-floor/operations.js").check(olds, news),
  diff: async (id, olds, news) => require("bench-floor/operations.js").diff(id, olds, news),
  create: async (inputs) => require("bench-floor/operations.js").create(inputs),
  read: async (id, props) => require("bench-floor/operations.js").read(id, props),
  update: async (id, olds, news) => require("bench-floor/operations.js").update(id, olds, news),
  delete: async () => {},
};

class NoOpSecret extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    const props = { createdAt: undefined, updatedAt: undefined, ...args, value: pulumi.secret(args.value) };
    super(provider, name, props, { ...opts, additionalSecretOutputs: ["value"] }, "bench-floor", "NoOpSecret");
  }
}

module.exports = { NoOpSecret };
