import assert from "node:assert/strict";
import { provider as operations } from "../support/deployment";
import { createVia } from "../support/lifecycle";
import { configureProvider } from "../support/configure-provider";
import { emulator } from "../support/root-hooks";
import { scopeFixtures } from "../support/scope-fixtures";

/*
 * A container's listing that failed is not kept, for every scope: the refresh that met the
 * failure fails, and the next read lists the container again and finds the item.
 */

describe("item listings: a failed listing is asked for again", () => {
  beforeEach(() => configureProvider());

  for (const fixture of scopeFixtures) {
    it(`${fixture.key}: the read after a failed listing lists again and finds the item`, async () => {
      const { id, outs } = await createVia(fixture.key, { ...fixture.inputs, [fixture.nameProperty]: "LISTED", value: "v" });
      const listing = { method: "GET", path: /\/(secrets|variables)$/ };
      const fault = emulator().injectFault({ ...listing, status: 403, times: Infinity, body: { message: "Resource not accessible by integration" } });
      await assert.rejects(operations.read(fixture.key, id, outs), /Resource not accessible by integration/);
      fault.cancel();
      emulator().clearRequests();
      const read = await operations.read(fixture.key, id, outs);
      assert.equal(read.id, id);
      assert.equal(read.props?.updatedAt, outs.updatedAt);
      assert.equal(emulator().findRequests(listing).length, 1, "listed again");
    });
  }
});
