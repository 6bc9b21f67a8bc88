/**
 * A large XML body does not stall the server: while an 18 MB body of about 2.3 million elements is
 * being read, `/healthz` still answers, and the body itself gets a clear 4xx (too many elements). Also
 * a large body within the limits (megabytes of base64 in few elements) is read off the event loop and
 * accepted. The time bound is a sanity ceiling well above what is expected, not a speed assertion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCda, buildMessage } from '../../fixtures/cda/index.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestSimulator();
});
afterAll(async () => {
  await server.close();
});

interface Ack {
  acknowledgement: string;
  details: { code: string }[];
}

const post = async (body: string): Promise<{ status: number; ack: Ack }> => {
  const res = await fetch(`${server.url}/archive/pta`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
    body,
  });
  return { status: res.status, ack: (await res.json()) as Ack };
};

describe('large XML bodies', () => {
  it('answers /healthz while an 18 MB body of millions of elements is read, and refuses the body', async () => {
    const cda = buildCda();
    const filler = '<a/><b/><c/><d/>'.repeat(575_000); // 2.3 million elements, about 9 MB
    const big = cda.replace(
      '</ClinicalDocument>',
      `<!--${' '.repeat(9_000_000)}-->${filler}</ClinicalDocument>`,
    );
    expect(big.length).toBeGreaterThan(18_000_000);
    const submission = post(big);
    // Give the body time to arrive and its processing to start, then ask for health.
    await new Promise((r) => setTimeout(r, 150));
    const started = performance.now();
    const health = await fetch(`${server.url}/healthz`);
    const healthMs = performance.now() - started;
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(1_500);
    const { status, ack } = await submission;
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(ack.details.map((d) => d.code)).toContain('CDA-LIMIT-001');
  });

  it('keeps /healthz responsive while a large message within the limits is parsed, and answers it', async () => {
    // 60,000 elements: far more than a real document, within the element limit.
    const rows = '<x:r xmlns:x="urn:example:filler"><x:c>cell</x:c><x:c>cell</x:c></x:r>'.repeat(20_000);
    const cda = buildCda().replace('</ClinicalDocument>', `${rows}</ClinicalDocument>`);
    const message = buildMessage(cda);
    expect(message.length).toBeGreaterThan(1024 * 1024);
    const submission = post(message);
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_500);
    const { status, ack } = await submission;
    expect(status, JSON.stringify(ack)).toBeLessThan(500);
    expect(['AA', 'AE', 'AR']).toContain(ack.acknowledgement);
  });
});
