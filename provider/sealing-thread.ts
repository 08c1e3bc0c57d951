import type { Worker } from "node:worker_threads";
import { sealForGitHub } from "./sealing";

/*
 * Sealing on a worker thread. A sealed box costs two X25519 scalar multiplications, which
 * tweetnacl does in plain JavaScript: 1.5–3 ms of CPU a value, the largest part of a create's
 * cost in the provider (docs/benchmarks.md). On the provider's one thread that time also
 * holds up the serialized writes and the engine's calls. The same function, `sealForGitHub`,
 * runs on one worker thread instead; values cross to it by message, in memory only.
 * https://nodejs.org/api/worker_threads.html
 */

interface Waiting {
  resolve(sealed: string): void;
  reject(error: Error): void;
}

/**
 * What the worker runs: sealing.js (sealing.ts under tsx in tests), by the path it resolves to
 * here. It answers the values in the order they came, so the answers need no ids.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { sealForGitHub } = require(workerData.sealing);
parentPort.on("message", ({ value, publicKey }) => {
  try {
    parentPort.postMessage({ sealed: sealForGitHub(value, publicKey) });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
});`;

class SealingThread {
  private readonly waiting: Waiting[] = [];
  private readonly worker: Worker;
  /** Set when the worker exits or fails: the next value starts another thread. */
  stopped = false;

  constructor() {
    const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sealing: require.resolve("./sealing") } });
    this.worker.on("message", ({ sealed, error }: { sealed?: string; error?: string }) => {
      const next = this.waiting.shift()!;
      if (this.waiting.length === 0) this.worker.unref();
      if (sealed !== undefined) next.resolve(sealed);
      else next.reject(new Error(error));
    });
    const stop = (reason: string) => {
      this.stopped = true;
      for (const next of this.waiting.splice(0)) next.reject(new Error(`the sealing thread stopped (${reason})`));
    };
    this.worker.on("error", (error) => stop(error.message));
    this.worker.on("exit", (code) => stop(`exit code ${code}`));
  }

  seal(value: string, publicKey: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      // Values waiting keep the process alive; an idle thread does not (the last answer unrefs it).
      this.worker.ref();
      this.waiting.push({ resolve, reject });
      this.worker.postMessage({ value, publicKey });
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

let thread: SealingThread | undefined;

/**
 * `sealForGitHub` on the worker thread, started on first use and again after it stopped.
 * Where no thread can be started (a runtime without workers), seals here.
 */
export function sealOffThread(value: string, publicKey: string): Promise<string> {
  if (thread === undefined || thread.stopped) {
    try {
      thread = new SealingThread();
    } catch {
      return Promise.resolve().then(() => sealForGitHub(value, publicKey));
    }
  }
  return thread.seal(value, publicKey);
}

/** Stops the thread, as if it had exited (tests). */
export async function stopSealingThread(): Promise<void> {
  // Stryker disable next-line OptionalChaining: killed by the test that stops before any thread exists, which runs in a child process, where Stryker activates no mutant
  await thread?.stop();
}
