import assert from "node:assert/strict";
import { unknownValue } from "@pulumi/pulumi/runtime";
import { isPresent, isUnknown, UNKNOWN } from "../../provider/lifecycle/engine-values";

/*
 * The engine's marker of a value not known yet (a preview) is the Pulumi SDK's own: what the
 * SDK sends is what the provider recognises. Present means neither undefined nor null.
 */

describe("engine values: the SDK's unknown marker, and what counts as present", () => {
  it("the unknown marker is the one the Pulumi SDK sends", () => {
    assert.equal(UNKNOWN, unknownValue);
    assert.equal(isUnknown(unknownValue), true);
    for (const known of ["", "value", undefined, null, { unknownValue }, [unknownValue]]) assert.equal(isUnknown(known), false, String(known));
  });

  it("present: anything but undefined and null, empty and false values included", () => {
    for (const present of ["", 0, false, "value", {}, unknownValue]) assert.equal(isPresent(present), true, String(present));
    for (const absent of [undefined, null]) assert.equal(isPresent(absent), false, String(absent));
  });
});
