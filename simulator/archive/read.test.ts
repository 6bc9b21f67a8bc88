/**
 * Reading an archive submission gives the same answer on the event loop and in a worker thread, and
 * brings back plain data only (no XML tree).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCda,
  buildMessage,
  kantaSocialMessage,
  ptaMessage,
  REAL_RANGE_HETU,
} from '../../fixtures/cda/index.ts';
import { loadElementTreeParser } from '../xml/element-tree.ts';
import { WorkerPool } from '../workers/pool.ts';
import { readAndCheck, type ReadOptions, type ReadResult } from './read.ts';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const pta: ReadOptions = {
  contentType: 'text/xml',
  maxBytes: 20 * 1024 * 1024,
  repository: 'pta',
  allowRealIdentities: false,
};
const social: ReadOptions = { ...pta, repository: 'social' };

/** Submissions accepted and refused at each step of reading. */
const CASES: [string, string, ReadOptions][] = [
  ['a PTA message', ptaMessage().message, pta],
  ['a bare CDA document', buildCda({ repository: 'pta' }), pta],
  [
    'a real identity code',
    ptaMessage({ patient: { root: '1.2.246.21', extension: REAL_RANGE_HETU } }).message,
    pta,
  ],
  [
    "the Patient Data Repository's message at the social-welfare archive (refused)",
    buildMessage(buildCda({ repository: 'social' }), { repository: 'social' }),
    social,
  ],
  ['a social-welfare message in Kanta format', kantaSocialMessage('client').message, social],
  ['a message that is not XML', '<RCMR_IN100002FI01', pta],
  ['a root that is not a message or a document', '<Something xmlns="urn:hl7-org:v3"/>', pta],
];

let pool: WorkerPool;
beforeAll(async () => {
  await loadElementTreeParser();
  pool = new WorkerPool({ module: new URL('./read.ts', import.meta.url).href, size: 1 });
  await pool.warm();
});
afterAll(async () => {
  await pool.close();
});

describe('reading an archive submission in a worker thread', () => {
  it.each(CASES)('%s: the worker reads what the event loop reads', async (_name, text, options) => {
    const here = readAndCheck(bytes(text), options);
    const job = pool.tryRun<ReadResult>('readAndCheck', [bytes(text), options]);
    expect(job).toBeDefined();
    const there = await job;
    expect(there).toEqual(here);
  });

  it('the cases cover accepted submissions, refusals and content findings', () => {
    const read = CASES.map(([, text, options]) => readAndCheck(bytes(text), options));
    expect(read.some((r) => !r.ok)).toBe(true);
    expect(read.some((r) => r.ok && r.content.length === 0)).toBe(true);
    expect(read.some((r) => r.ok && r.content.some((f) => f.guard === true))).toBe(true);
  });

  it('brings back the header and the document bytes, not the XML tree', () => {
    const { message, oid } = ptaMessage();
    const r = readAndCheck(bytes(message), pta);
    if (!r.ok) throw new Error('the message was refused');
    expect(r.rootName).toBe('ClinicalDocument');
    expect(r.header.documentOid).toBe(oid);
    expect(r.submission).not.toHaveProperty('cda');
    expect(r.submission).not.toHaveProperty('frame');
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(r.submission.cdaBytes).toString('utf8')).toContain('<ClinicalDocument');
  });
});
