import assert from "node:assert/strict";
import { UNKNOWN } from "../provider/lifecycle/engine-values";
import { isUnknownSource, sameSource, unreadableFileReason } from "../provider/values/value-sources";

/*
 * Which `valueFrom` sources are the same (the timeout does not count, a missing source is the
 * same only as another missing one), which are not known yet in a preview (the engine's marker
 * itself, or an object holding it anywhere), and why a file could not be read, by error code
 * (tests run as root, where no permission error can be staged).
 */

describe("valueFrom sources: identity, unknowns and unreadable files", () => {
  it("a missing source is the same only as a missing one", () => {
    assert.equal(sameSource(undefined, undefined), true);
    assert.equal(sameSource(undefined, { env: "X" }), false);
    assert.equal(sameSource({ command: ["op", "read"] }, undefined), false);
    assert.equal(sameSource({ command: ["op", "read"], timeoutSeconds: 5 }, { command: ["op", "read"] }), true);
  });

  it("unknown: the marker, or an object that holds it; not a text that merely contains it, nor an absent source", () => {
    for (const unknown of [UNKNOWN, { env: UNKNOWN }, { command: ["op", UNKNOWN] }]) assert.equal(isUnknownSource(unknown), true, JSON.stringify(unknown));
    for (const known of [undefined, null, `op://${UNKNOWN}`, { env: "X" }, { file: "./db.txt" }, 7]) assert.equal(isUnknownSource(known), false, String(known));
  });

  it("names why a file cannot be read from the error's code", () => {
    assert.equal(unreadableFileReason("ENOENT"), "does not exist");
    for (const denied of ["EACCES", "EPERM"]) assert.equal(unreadableFileReason(denied), "cannot be read by the provider's process (permission denied)", denied);
    assert.equal(unreadableFileReason("EISDIR"), "is not a regular file");
    assert.equal(unreadableFileReason("EIO"), "cannot be read (EIO)");
    assert.equal(unreadableFileReason(""), "cannot be read ()");
    assert.equal(unreadableFileReason(undefined), "cannot be read (unknown error)");
  });
});
