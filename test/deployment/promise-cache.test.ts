import assert from "node:assert/strict";
import { PromiseCache } from "../../provider/deployment/promise-cache";
import { readSource } from "../../provider/values/value-sources";
import { deployment, newProviderProcess } from "../support/deployment";
import { withEnvironment } from "../support/environment";

/* One request per key for a deployment: callers share it, a failure is asked again unless kept. */

describe("a deployment's promise cache", () => {
  const counting = () => {
    let asked = 0;
    return { ask: (value: string) => () => Promise.resolve(`${value} ${++asked}`), fail: () => () => Promise.reject(new Error(`failed ${++asked}`)), asked: () => asked };
  };

  it("asks once per key, and callers at the same time share the answer", async () => {
    const cache = new PromiseCache<string>();
    const count = counting();
    const answers = await Promise.all([cache.get("a", count.ask("a")), cache.get("a", count.ask("a")), cache.get("b", count.ask("b"))]);
    assert.deepEqual(answers, ["a 1", "a 1", "b 2"]);
    assert.equal(count.asked(), 2);
  });

  it("forgets a failed answer, so the next caller asks again", async () => {
    const cache = new PromiseCache<string>();
    const count = counting();
    await assert.rejects(cache.get("a", count.fail()), /failed 1/);
    assert.equal(await cache.get("a", count.ask("a")), "a 2");
  });

  it("keeps a failed answer when told to: what diff saw failing, update sees failing", async () => {
    const cache = new PromiseCache<string>(true);
    const count = counting();
    await assert.rejects(cache.get("a", count.fail()), /failed 1/);
    await assert.rejects(cache.get("a", count.ask("a")), /failed 1/);
    assert.equal(count.asked(), 1);
  });

  it("forget drops an answer; a failure of the forgotten one leaves the newer answer kept", async () => {
    const cache = new PromiseCache<string>();
    let rejectOld!: (error: Error) => void;
    const old = cache.get("a", () => new Promise<string>((_, reject) => (rejectOld = reject)));
    cache.forget("a");
    assert.equal(await cache.get("a", () => Promise.resolve("newer")), "newer");
    rejectOld(new Error("old failed"));
    await assert.rejects(old, /old failed/);
    assert.equal(await cache.get("a", () => Promise.resolve("asked again")), "newer");
  });
});

describe("a deployment's source reads", () => {
  const NAME = "GITHUB_SECRETS_TEST_SOURCE_READ";

  it("keeps a failed read for the whole deployment: update sees the failure diff saw; the next process reads again", async () => {
    await withEnvironment({ [NAME]: undefined }, () => assert.rejects(readSource(deployment(), { env: NAME }), /is not set/));
    await withEnvironment({ [NAME]: "set-since" }, async () => {
      await assert.rejects(readSource(deployment(), { env: NAME }), /is not set/);
      assert.equal(await readSource(newProviderProcess(), { env: NAME }), "set-since");
    });
  });
});
