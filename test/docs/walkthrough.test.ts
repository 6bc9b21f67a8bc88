/**
 * docs/walkthrough.md is generated from the fixture builders; this fails when the committed page differs
 * from what `npm run docs:walkthrough` would write, and replays the page's calls in order against a fresh
 * simulator with an empty registry (real HTTP on loopback, in-memory SQLite), checking that each is
 * answered as the page says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkthroughMarkdown } from '../../scripts/walkthrough/render.ts';
import { FIXED, indentXml, ptaExample, walkthroughSteps } from '../../scripts/walkthrough/steps.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

describe('docs/walkthrough.md', () => {
  it('is the generated page (run npm run docs:walkthrough after changing the fixtures)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'walkthrough.md'), 'utf8');
    expect(committed).toBe(walkthroughMarkdown());
  });

  it('shows the registration, the transaction, both RCMR messages, the namespace and the code table', () => {
    const page = walkthroughMarkdown();
    for (const text of [
      'POST /registry/organisations',
      'POST /registry/systems',
      'PUT /registry/customers/',
      'POST /fhir HTTP/1.1',
      '"resourceType": "Provenance"',
      '<RCMR_IN100002FI01',
      '<RCMR_IN200002FI01',
      'hl7fi:localSocialHeader',
      '<localHeader xmlns="urn:hl7finland">',
      'urn:hl7finland',
      '| `localHeader` | `recordStatus` | `1.2.246.537.5.40154.2008`',
      '| `localSocialHeader` | `functionCode` | `1.2.246.537.6.1221.201601`',
      '| `localSocialHeader` | `serviceProcess/code` | `1.2.246.537.6.1277.201701`',
    ])
      expect(page).toContain(text);
    // Only test-range identity codes (individual number 900–999) appear on the page.
    for (const m of page.matchAll(/\b\d{6}[-+A-FU-Y](\d{3})[0-9A-Y]\b/g))
      expect(Number(m[1]), m[0]).toBeGreaterThanOrEqual(900);
  });

  it('is the same on every render (fixed ids, dates and identity codes)', () => {
    expect(walkthroughMarkdown()).toBe(walkthroughMarkdown());
  });
});

describe('indentXml', () => {
  it('adds whitespace only between tags, never inside text content', () => {
    const { message } = ptaExample();
    const indented = indentXml(message);
    expect(indented).not.toBe(message);
    expect(indented.replace(/>\n *</g, '><').trimEnd()).toBe(message.trimEnd());
    expect(indentXml('<a><b>text</b><c></c><d/></a>')).toBe('<a>\n  <b>text</b>\n  <c></c>\n  <d/>\n</a>\n');
  });
});

describe('the walkthrough replayed against a fresh simulator', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestSimulator({ seed: false });
  });
  afterAll(async () => {
    await server.close();
  });

  it('starts from an empty registry', async () => {
    const res = await fetch(`${server.url}/registry/organisations`);
    expect(await res.json()).toEqual([]);
  });

  it('accepts every call in order, as the page says', async () => {
    for (const step of walkthroughSteps()) {
      const res = await fetch(`${server.url}${step.path}`, {
        method: step.method,
        headers: step.headers,
        body: step.body,
      });
      const text = await res.text();
      expect(res.status, `${step.id}: ${text.slice(0, 500)}`).toBe(step.status);
      const answer = JSON.parse(text) as Record<string, unknown>;
      if (step.kind === 'fhir') {
        expect(answer.type).toBe('transaction-response');
        const entries = answer.entry as { response: { status: string; location: string } }[];
        expect(entries.map((e) => e.response.status)).toEqual(['201 Created', '201 Created']);
        expect(entries[0]?.response.location).toMatch(/^Appointment\/[^/]+\/_history\/1$/);
        expect(entries[1]?.response.location).toMatch(/^Provenance\/[^/]+\/_history\/1$/);
        expect(res.headers.get('X-Request-Id')).toBe(FIXED.requestId);
        expect(res.headers.get('X-Correlation-Id')).toMatch(/^[0-9a-f-]{36}$/);
      }
      if (step.kind === 'archive') {
        expect(answer, step.id).toMatchObject({ acknowledgement: 'AA', outcome: 'accepted', details: [] });
        expect(answer.documentOid).toBe(step.id === 'pta-message' ? FIXED.ptaDocument : FIXED.socialDocument);
      }
    }
  });

  it('finds the archived documents afterwards', async () => {
    for (const oid of [FIXED.ptaDocument, FIXED.socialDocument]) {
      const res = await fetch(`${server.url}/archive/documents/${oid}`);
      expect(res.status, oid).toBe(200);
    }
  });
});
