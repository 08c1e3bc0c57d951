// The benchmark's floor: a dynamic resource with the same inputs and options as a RepoSecret
// whose provider does nothing. Built like pulumi-github-secrets' provider (one provider object
// per class, its methods the exports of a module under node_modules, serialized as a
// `require` of it), so the engine and the SDK do the same work for both.
"use strict";
const pulumi = require("@pulumi/pulumi");
const methods = require("./methods");

const provider = Object.assign(Object.create(methods), { scope: "floor" });

class NoOpSecret extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    const props = { createdAt: undefined, updatedAt: undefined, ...args, value: pulumi.secret(args.value) };
    super(provider, name, props, { ...opts, additionalSecretOutputs: ["value"] }, "bench-floor", "NoOpSecret");
  }
}

module.exports = { NoOpSecret };
