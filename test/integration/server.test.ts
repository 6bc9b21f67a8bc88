import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { json, startTestSimulator } from '../support/sim.ts';
import { openSse } from '../support/sse.ts';

describe('server lifecycle', () => {
  it('answers /healthz with the store kind', async () => {
    const sim = await startTestSimulator();
    const res = await json<{ status: string; store: string }>(sim.url, 'GET', '/healthz');
    expect(res.body).toMatchObject({ status: 'ok', store: 'sqlite' });
    await sim.close();
  });

  it('finishes an in-flight request during graceful shutdown, then refuses new connections', async () => {
    const sim = await startTestSimulator();
    const body = JSON.stringify({
      oid: '1.2.246.10.8888.10.0',
      name: 'Late Oy',
      kind: 'organisation',
      public: false,
    });
    const { port } = new URL(sim.url);
    // Send the headers and half the body, so the request is in flight when shutdown starts.
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    const ended = new Promise<void>((resolve) =>
      socket.once('close', () => {
        resolve();
      }),
    );
    socket.write(
      `POST /registry/organisations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 20)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stream = await openSse(`${sim.url}/events/stream`);
    const closing = sim.close();
    socket.write(body.slice(20));
    await ended;
    await closing;
    stream.close();
    expect(answer).toMatch(/^HTTP\/1\.1 201/);
    await expect(fetch(`${sim.url}/healthz`)).rejects.toThrow();
  });

  it('refuses to start on a port that is taken, with the reason', async () => {
    const first = await startTestSimulator();
    const port = Number(new URL(first.url).port);
    await expect(startTestSimulator({ port })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});
