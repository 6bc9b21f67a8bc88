// Entry of a WorkerPool thread (pool.ts): calls the job module's exported functions by name for
// each message. Plain JavaScript because a worker starts without the parent's loader; when the job
// module is TypeScript (running from the sources, in development and tests) it registers tsx's loader
// first, and when it is compiled JavaScript (the installed package, dist/) it needs no loader at all.
import { parentPort, workerData } from 'node:worker_threads';

if (/\.tsx?$/.test(workerData.module)) {
  const { register } = await import('tsx/esm/api');
  register();
}
const jobs = await import(workerData.module);
parentPort.postMessage({ ready: true });
parentPort.on('message', (msg) => {
  try {
    const fn = jobs[msg.fn];
    if (typeof fn !== 'function') throw new Error(`no job '${msg.fn}'`);
    parentPort.postMessage({ ok: true, value: fn(...msg.args) });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
