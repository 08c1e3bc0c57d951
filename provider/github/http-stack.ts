/*
 * The third-party HTTP stack, in one module: @octokit/rest, its retry and throttling plugins,
 * and Bottleneck. The build bundles this module with those packages into one CommonJS file
 * (scripts/bundle-http-stack.mjs): loaded from node_modules they are some sixty files, ES
 * modules among them, which cost 100–150 ms to resolve and compile in every command that
 * reads or writes; the single file costs 17–45 ms. From the TypeScript source (tests) the
 * packages load as usual. Their licences ship beside the bundle, in http-stack.LICENSES.txt.
 * They stay in `dependencies`: the built declarations (github-client.d.ts) refer to their types.
 */
export { retry } from "@octokit/plugin-retry";
export { throttling } from "@octokit/plugin-throttling";
export { Octokit } from "@octokit/rest";
