import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import workerThreads from "node:worker_threads";
import sodium from "libsodium-wrappers";
import { sealOffThread, stopSealingThread } from "../provider/sealing-thread";

/*
 * Values are sealed on a worker thread (provider/sealing-thread.ts): what it returns is what
 * libsodium opens, each value to its own box; the provider's thread stays free meanwhile;
 * a failure on the thread rejects the seal with the reason; a stopped thread is started again;
 * where no thread can be started, the value is sealed on the provider's thread.
 */

describe("sealing on a worker thread", function () {
  this.timeout(30_000);
  let keyPair: { publicKey: Uint8Array; privateKey: Uint8Array };
  let publicKey: string;

  before(async () => {
    await sodium.ready;
    keyPair = sodium.crypto_box_keypair();
    publicKey = Buffer.from(keyPair.publicKey).toString("base64");
  });

  afterEach(() => stopSealingThread());

  const opened = (sealed: string) => Buffer.from(sodium.crypto_box_seal_open(Buffer.from(sealed, "base64"), keyPair.publicKey, keyPair.privateKey)).toString("utf8");

  it("seals each of many values sent at once into its own box, which libsodium opens", async () => {
    const values = Array.from({ length: 60 }, (_, i) => `välue-${i}-🔑-${"x".repeat(i * 97)}`);
    const sealed = await Promise.all(values.map((value) => sealOffThread(value, publicKey)));
    assert.deepEqual(sealed.map(opened), values);
    assert.equal(new Set(sealed).size, values.length);
  });

  it("leaves the provider's thread free while it seals: timers keep firing", async () => {
    // Sealed on the calling thread, the 60 values of 48 KB would hold it for their whole time:
    // not one timer would fire until they were done.
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    try {
      await Promise.all(Array.from({ length: 60 }, (_, i) => sealOffThread(`${i}`.padEnd(48 * 1024, "v"), publicKey)));
    } finally {
      clearInterval(timer);
    }
    assert.ok(turns >= 3, `the provider's thread turned ${turns} times while 60 values were sealed`);
  });

  it("rejects with sealing's own reason, and seals the next value", async () => {
    await assert.rejects(sealOffThread("x", Buffer.alloc(31).toString("base64")), /^Error: GitHub returned a public key of 31 bytes; a sealed box needs a 32-byte X25519 key$/);
    assert.equal(opened(await sealOffThread("after", publicKey)), "after");
  });

  it("rejects what was waiting when the thread stops, and starts a new thread for the next value", async () => {
    const waiting = Array.from({ length: 20 }, () => sealOffThread("w".repeat(48 * 1024), publicKey).then(opened, (error: Error) => error.message));
    await stopSealingThread();
    const outcomes = await Promise.all(waiting);
    assert.ok(outcomes.some((outcome) => /^the sealing thread stopped \(exit code \d+\)$/.test(outcome)), outcomes[outcomes.length - 1]);
    for (const outcome of outcomes) assert.ok(outcome === "w".repeat(48 * 1024) || /^the sealing thread stopped/.test(outcome), outcome.slice(0, 80));
    assert.equal(opened(await sealOffThread("again", publicKey)), "again");
  });

  it("seals every value on one thread until it stops, then on one new thread", async () => {
    const original = workerThreads.Worker;
    let started = 0;
    (workerThreads as { Worker: unknown }).Worker = class CountedWorker extends original {
      constructor(...args: ConstructorParameters<typeof original>) {
        super(...args);
        started++;
      }
    };
    try {
      await stopSealingThread();
      for (let i = 0; i < 5; i++) assert.equal(opened(await sealOffThread(`one-${i}`, publicKey)), `one-${i}`);
      await Promise.all(Array.from({ length: 5 }, (_, i) => sealOffThread(`many-${i}`, publicKey)));
      assert.equal(started, 1);
      await stopSealingThread();
      await sealOffThread("after", publicKey);
      assert.equal(started, 2);
    } finally {
      (workerThreads as { Worker: unknown }).Worker = original;
    }
  });

  it("keeps a process alive while a value waits to be sealed, and lets it end once none waits", () => {
    // A new process: no thread yet, and stopping none is nothing. The second value is sent
    // once the thread is idle, which it must keep the process alive for again.
    const module = path.join(__dirname, "..", "provider", "sealing-thread.ts");
    const key = JSON.stringify(publicKey);
    const program =
      `const m = require(${JSON.stringify(module)}); m.stopSealingThread()` +
      `.then(() => m.sealOffThread("v", ${key})).then((s) => console.log(s.length))` +
      `.then(() => new Promise((idle) => setTimeout(idle, 50))).then(() => m.sealOffThread("vw", ${key})).then((s) => console.log(s.length))`;
    const printed = execFileSync(process.execPath, ["--import", "tsx", "-e", program], { encoding: "utf8", timeout: 20_000 });
    assert.deepEqual(printed.trim().split("\n"), ["68", "68"]);
  });

  it("seals on the provider's thread where no thread can be started", async () => {
    await stopSealingThread();
    const original = workerThreads.Worker;
    (workerThreads as { Worker: unknown }).Worker = function NoThreads() {
      throw new Error("ERR_WORKER_INIT_FAILED");
    };
    try {
      assert.equal(opened(await sealOffThread("here", publicKey)), "here");
    } finally {
      (workerThreads as { Worker: unknown }).Worker = original;
    }
  });
});
