/**
 * The worker pool with real worker threads: queued jobs (`run`), work shared with the caller
 * (`tryRun`), answers in order, failures and a worker that dies.
 */
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from './pool.ts';

const JOBS = new URL('../../test/support/pool-jobs.ts', import.meta.url).href;

/** A job tryRun took (fails the test when it left the work to the caller). */
function taken<T>(job: Promise<T> | undefined): Promise<T> {
  if (job === undefined) throw new Error('tryRun left the job to the caller');
  return job;
}

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('WorkerPool.tryRun', () => {
  it('leaves the work to the caller until a worker has loaded, then runs it in the worker', async () => {
    pool = new WorkerPool({ module: JOBS, size: 1 });
    expect(pool.tryRun('echo', [1])).toBeUndefined();
    await pool.warm();
    const answer = await pool.tryRun<{ value: number; threadId: number }>('echo', [2]);
    expect(answer?.value).toBe(2);
    expect(answer?.threadId).not.toBe(threadId);
  });

  it('takes up to `depth` jobs per worker, answers them in order, and then leaves the rest to the caller', async () => {
    pool = new WorkerPool({ module: JOBS, size: 1 });
    await pool.warm();
    const jobs = [
      taken(pool.tryRun('spin', [50, 'a'], 3)),
      taken(pool.tryRun('spin', [0, 'b'], 3)),
      taken(pool.tryRun('echo', ['c'], 3)),
    ];
    expect(pool.tryRun('echo', ['d'], 3)).toBeUndefined();
    const answers = await Promise.all(jobs);
    expect(answers[0]).toBe('a');
    expect(answers[1]).toBe('b');
    expect((answers[2] as { value: string }).value).toBe('c');
    // Done: the worker takes work again.
    expect(await pool.tryRun('spin', [0, 'e'], 3)).toBe('e');
  });

  it('rejects a job that throws with its message, and goes on with the next', async () => {
    pool = new WorkerPool({ module: JOBS, size: 1 });
    await pool.warm();
    const failing = pool.tryRun('fail', ['no such thing']);
    const next = pool.tryRun('spin', [0, 'next']);
    await expect(failing).rejects.toThrow('no such thing');
    expect(await next).toBe('next');
  });

  it('rejects every job a dying worker had, and starts a new worker for later work', async () => {
    pool = new WorkerPool({ module: JOBS, size: 1 });
    await pool.warm();
    const lost = [taken(pool.tryRun('crash', [])), taken(pool.tryRun('echo', ['after the crash']))];
    for (const job of lost) await expect(job).rejects.toThrow(/exit code 3/);
    await pool.warm();
    const again = await pool.tryRun<{ value: string }>('echo', ['again']);
    expect(again?.value).toBe('again');
  });
});

describe('WorkerPool.run', () => {
  it('queues jobs beyond the workers and runs each one at a time', async () => {
    const queued = new WorkerPool({ module: JOBS, size: 1 });
    pool = queued;
    const order: string[] = [];
    await Promise.all(
      ['x', 'y', 'z'].map((v) =>
        queued.run<string>('spin', [10, v]).then((answer) => {
          order.push(answer);
        }),
      ),
    );
    expect(order).toEqual(['x', 'y', 'z']);
  });

  it('is not offered to tryRun while it waits in the queue', async () => {
    pool = new WorkerPool({ module: JOBS, size: 1 });
    await pool.warm();
    const queued = [pool.run('spin', [30, 1]), pool.run('spin', [0, 2])];
    expect(pool.tryRun('echo', [3])).toBeUndefined();
    expect(await Promise.all(queued)).toEqual([1, 2]);
  });
});
