// The emulator's own dependencies are optional peer dependencies of pulumi-github-secrets, so
// that users who never start it neither install nor load them (the main entry never requires
// emulator/). Whoever requires the emulator learns what to install instead of a bare
// "Cannot find module".

const PEERS = ["libsodium-wrappers", "ajv", "ajv-formats"] as const;

const missing = PEERS.filter((name) => {
  try {
    require.resolve(name);
    return false;
  } catch {
    return true;
  }
});
if (missing.length > 0) {
  throw new Error(
    `pulumi-github-secrets/emulator needs ${missing.join(", ")} (optional peer dependencies, not installed with the package): ` +
      `npm install --save-dev ${missing.join(" ")}`,
  );
}
