/*
 * The third-party HTTP stack in one module: @octokit/rest and its retry and throttling plugins.
 * The build bundles it into one file (scripts/bundle-http-stack.mjs), which loads faster than
 * their many modules (docs/measurements.md); their licences ship beside it.
 */
export { retry } from "@octokit/plugin-retry";
export { throttling } from "@octokit/plugin-throttling";
export { Octokit } from "@octokit/rest";
