// Entry of a WorkerPool thread (worker-pool.ts): registers tsx's loader so the job module may be
// TypeScript, then calls the module's exported functions by name for each message. Plain JavaScript
// because a worker starts without the parent's loader.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const jobs = await import(workerData.module);
parentPort.on('message', (msg) => {
  try {
    const fn = jobs[msg.fn];
    if (typeof fn !== 'function') throw new Error(`no job '${msg.fn}'`);
    parentPort.postMessage({ ok: true, value: fn(...msg.args) });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
