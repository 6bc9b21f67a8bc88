/**
 * Reading an archive submission, the part that needs no store: the envelope (SOAP, V3 message, MIME,
 * base64), one parse of the CDA document, its header, and the rules that read the document alone
 * (structure, identity codes of the document and its message frame, the message's copy of the header,
 * the social-welfare frame). The answer is plain data (no XML tree), so it is the same whether it was
 * read on the event loop or in a worker thread.
 *
 * Where it runs (`readSubmissionShared`):
 * - A body of OFFLOAD_XML_BYTES or more always in a worker: parsing megabytes does not hold the event
 *   loop, and the worker's heap ceiling bounds what one hostile body costs (it is refused with
 *   CDA-LIMIT-003 when the worker dies).
 * - A normal body (about 50 KB) in an idle worker when other submissions are under way, or once the
 *   workers run; otherwise, or when they are busy or starting, on the event loop.
 */
import { createHash } from 'node:crypto';
import { workerData } from 'node:worker_threads';
import type { ArchiveMessageMeta, CdaHeader } from '../domain/cda.ts';
import { fatal, type Finding } from '../domain/findings.ts';
import { OFFLOAD_XML_BYTES } from '../http/limits.ts';
import { loadElementTreeParser } from '../xml/element-tree.ts';
import { WorkerPool } from '../workers/pool.ts';
import { readSubmission, type Submission } from './envelope.ts';
import { extractHeader } from './header.ts';
import { checkFrameIdentities, checkIdentities } from './rules/identities.ts';
import { checkMessageContent } from './rules/message.ts';
import { checkSocialFormat, checkSocialMessage } from './rules/social-format.ts';
import { checkStructure } from './rules/structure.ts';

/** A submission as read, without its XML trees. */
export type SubmissionData = Omit<Submission, 'cda' | 'frame' | 'frameText'>;

export type ReadResult =
  | { ok: false; findings: Finding[]; message?: ArchiveMessageMeta }
  | {
      ok: true;
      submission: SubmissionData;
      header: CdaHeader;
      /** The root element's local name: a submission whose root is not `ClinicalDocument` is refused. */
      rootName: string;
      /** Findings of the envelope and of the document's structure. */
      findings: Finding[];
      /** Findings of the rules that read the content (identity codes, message, social format). */
      content: Finding[];
      /** SHA-256 of the document's bytes, hex. */
      sha256: string;
    };

export interface ReadOptions {
  contentType: string | undefined;
  maxBytes: number;
  repository: 'pta' | 'social';
  allowRealIdentities: boolean;
}

/** Reads and checks a submission on the calling thread (libxml2 must be loaded: `loadElementTreeParser`). */
export function readAndCheck(body: Uint8Array, options: ReadOptions): ReadResult {
  const { repository } = options;
  const envelope = readSubmission(body, options.contentType, options.maxBytes, repository);
  if (!envelope.ok) return envelope;
  const { cda, frame, frameText, ...submission } = envelope.submission;
  const sub = envelope.submission;
  const header = extractHeader(cda, { repository });
  const findings = [...envelope.findings, ...checkStructure(cda, header, repository)];
  const content: Finding[] = [];
  if (cda.name === 'ClinicalDocument') {
    content.push(...checkIdentities(cda, header, options.allowRealIdentities, sub.cdaBytes));
    // The document and its frame are read as trees and as written (comments, MIME headers…).
    if (frame) content.push(...checkFrameIdentities(frame, options.allowRealIdentities, frameText ?? body));
    content.push(...checkMessageContent(sub, header));
    if (repository === 'social')
      content.push(...checkSocialMessage(sub, header), ...checkSocialFormat(header));
  }
  return {
    ok: true,
    submission,
    header,
    rootName: cda.name,
    findings,
    content,
    sha256: createHash('sha256').update(sub.cdaBytes).digest('hex'),
  };
}

// In a worker of the pool below this module is the job module: its jobs parse with libxml2 from the first.
if ((workerData as { module?: unknown } | null)?.module === import.meta.url) await loadElementTreeParser();

let pool: WorkerPool | undefined;

function poolOf(workers: number | undefined): WorkerPool {
  pool ??= new WorkerPool({
    module: import.meta.url,
    ...(workers !== undefined && workers > 0 && { size: workers }),
  });
  return pool;
}

/** Starts the reading workers and resolves when they are ready (for tests and benchmarks). */
export function warmReadingWorkers(workers: number): Promise<void> {
  return poolOf(workers).warm();
}

const tooBig = (): ReadResult => ({
  ok: false,
  findings: [
    fatal(
      'CDA-LIMIT-003',
      '/',
      'the body could not be parsed within the memory allowed for one submission; send a smaller document',
    ),
  ],
});

/**
 * Reads and checks a submission on the event loop or in a worker (see the module comment). `workers`:
 * how many may share normal bodies (0: none; large bodies still go to a worker); `concurrent`: other
 * submissions are under way.
 */
export async function readSubmissionShared(
  body: Uint8Array,
  options: ReadOptions,
  sharing: { workers: number; concurrent: boolean },
): Promise<ReadResult> {
  if (body.byteLength >= OFFLOAD_XML_BYTES && body.byteLength <= options.maxBytes) {
    try {
      return await poolOf(sharing.workers).run<ReadResult>('readAndCheck', [body, options]);
    } catch {
      return tooBig();
    }
  }
  if (sharing.workers > 0 && (sharing.concurrent || pool !== undefined)) {
    const job = poolOf(sharing.workers).tryRun<ReadResult>('readAndCheck', [body, options], 4);
    if (job !== undefined) {
      try {
        return await job;
      } catch {
        // The worker stopped (the server is closing): read it here.
      }
    }
  }
  await loadElementTreeParser();
  return readAndCheck(body, options);
}
