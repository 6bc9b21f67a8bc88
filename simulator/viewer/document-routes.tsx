/**
 * The document pages: `/documents/:oid` (header, narrative, versions, findings, XML), `…/xml` (download),
 * `…/diff?with=` and `…/compare`. Every handler reads through the request's scoped reader, answers 404
 * for a document outside the archivist's register and writes the view to the access log.
 */
import express, { type Response, type Router } from 'express';
import type { ArchivedDocument } from '../domain/cda.ts';
import { parseExpectations } from './compare.ts';
import { FIELDS } from './fields.ts';
import { translator } from '../../common/i18n/index.ts';
import { langOfRes } from './i18n.tsx';
import { parseFormData } from './form.ts';
import { comparePartsShared, documentBody, narrativeDiffShared } from './document-body.tsx';
import { readerOf, requestIdOf, sameOrigin, send, urlencodedForm } from './page-http.tsx';
import { ComparePage } from './pages/compare.tsx';
import { DiffPage } from './pages/diff.tsx';
import { DocumentPage } from './pages/document.tsx';
import { ErrorPage } from './pages/error.tsx';
import { safely } from './reader.ts';
import { expectationsFor } from './runs.ts';

export function documentRoutes(router: Router): void {
  /** The document, if it exists and is in scope; else answers 404 itself. */
  const visibleDocument = async (res: Response, oid: string): Promise<ArchivedDocument | undefined> => {
    const reader = readerOf(res);
    const scope = reader.scope;
    const doc = await reader.document(oid);
    if (doc) return doc;
    send(
      res,
      <ErrorPage
        scope={scope}
        title="Document not found"
        message={`No document ${oid} in the register of ${scope.registerController.name}.`}
      />,
      404,
    );
    return undefined;
  };

  router.get('/documents/:oid', async (req, res) => {
    const reader = readerOf(res);
    const scope = reader.scope;
    const doc = await visibleDocument(res, req.params.oid);
    if (!doc) return;
    const versions = await reader.versions(doc);
    const xml = await documentBody(await reader.xmlText(doc), langOfRes(res), doc.oid);
    // Read defensively: the header of a stored record may lack any of these.
    const h = doc.header as Partial<ArchivedDocument['header']> | undefined;
    const names = await reader.organisationNames([
      doc.custodian,
      safely(() => h?.custodian?.oid, undefined),
      safely(() => h?.encounter?.responsibleOrganisation, undefined),
      safely(() => doc.message?.representedOrganisation, undefined),
      ...safely(() => (h?.authors ?? []).map((a) => a.organisation), []),
    ]);
    await reader.logAccess('document', [doc.patient], doc.oid, requestIdOf(res));
    send(res, <DocumentPage scope={scope} doc={doc} versions={versions} xml={xml} names={names} />);
  });

  router.get('/documents/:oid/xml', async (req, res) => {
    const reader = readerOf(res);
    const doc = await visibleDocument(res, req.params.oid);
    if (!doc) return;
    const bytes = await reader.xml(doc);
    await reader.logAccess('document-xml', [doc.patient], doc.oid, requestIdOf(res));
    // Plain text and a download: the browser never interprets the stored markup.
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${doc.oid.replace(/[^0-9A-Za-z.-]/g, '_')}.xml"`,
    );
    res.type('text/plain; charset=utf-8').send(Buffer.from(bytes ?? new Uint8Array()));
  });

  router.get('/documents/:oid/diff', async (req, res) => {
    const reader = readerOf(res);
    const scope = reader.scope;
    const doc = await visibleDocument(res, req.params.oid);
    if (!doc) return;
    const withOid = typeof req.query.with === 'string' ? req.query.with : undefined;
    const other = withOid === undefined ? undefined : await reader.document(withOid);
    if (!other || other.setId !== doc.setId) {
      send(
        res,
        <ErrorPage
          scope={scope}
          title="No such version"
          message="Choose another version of the same document to compare with."
        />,
        404,
      );
      return;
    }
    const [before, after] = other.versionNumber <= doc.versionNumber ? [other, doc] : [doc, other];
    const fields = FIELDS.map((f) => {
      const b = safely(() => f.get(before), undefined);
      const a = safely(() => f.get(after), undefined);
      return {
        name: f.name,
        label: f.label,
        changed: a !== b,
        ...(b !== undefined && { before: b }),
        ...(a !== undefined && { after: a }),
      };
    });
    const narrative = await narrativeDiffShared(await reader.xmlText(before), await reader.xmlText(after));
    await reader.logAccess('document-diff', [doc.patient], `${before.oid} → ${after.oid}`, requestIdOf(res));
    send(res, <DiffPage scope={scope} before={before} after={after} fields={fields} narrative={narrative} />);
  });

  router.get('/documents/:oid/compare', async (req, res) => {
    const reader = readerOf(res);
    const scope = reader.scope;
    const doc = await visibleDocument(res, req.params.oid);
    if (!doc) return;
    const runs = await reader.runsWithExpectations(doc.oid);
    const t = translator(langOfRes(res), 'viewer');
    const text = (await reader.xmlText(doc)) ?? '';
    const runId = typeof req.query.run === 'string' ? req.query.run : undefined;
    if (runId === undefined) {
      const { named } = await comparePartsShared(text, doc, undefined, langOfRes(res));
      send(res, <ComparePage scope={scope} doc={doc} input="" runs={runs} named={named} />);
      return;
    }
    // "Use the expectations of scenario run X" (runs.ts explains the mapping).
    const found = /^[A-Za-z0-9-]{1,64}$/.test(runId) ? await reader.run(runId) : undefined;
    const expected = found ? expectationsFor(found.record, doc.oid) : {};
    const fields = Object.entries(expected);
    if (!found || fields.length === 0) {
      const { named } = await comparePartsShared(text, doc, undefined, langOfRes(res));
      send(
        res,
        <ComparePage
          scope={scope}
          doc={doc}
          input=""
          runs={runs}
          named={named}
          problem={t('compare.noRun', { run: runId })}
        />,
        404,
      );
      return;
    }
    const { named, rows = [] } = await comparePartsShared(text, doc, fields, langOfRes(res));
    await reader.logAccess('compare', [doc.patient], doc.oid, requestIdOf(res));
    send(
      res,
      <ComparePage
        scope={scope}
        doc={doc}
        input={JSON.stringify(expected, null, 2)}
        rows={rows}
        runs={runs}
        named={named}
        fromRun={found.record}
      />,
    );
  });

  const upload = express.raw({ type: 'multipart/form-data', limit: '1mb' });
  router.post('/documents/:oid/compare', upload, urlencodedForm, async (req, res) => {
    if (!sameOrigin(req)) {
      res.status(403).type('text/plain').send('cross-site form post refused');
      return;
    }
    const reader = readerOf(res);
    const scope = reader.scope;
    const doc = await visibleDocument(res, req.params.oid);
    if (!doc) return;
    let input = '';
    if (Buffer.isBuffer(req.body)) {
      const parts = parseFormData(req.body, req.get('Content-Type')) ?? [];
      const file = parts.find((p) => p.name === 'file' && p.value.trim() !== '');
      input = file?.value ?? parts.find((p) => p.name === 'expected')?.value ?? '';
    } else if (typeof (req.body as Record<string, unknown> | undefined)?.expected === 'string') {
      input = (req.body as Record<string, string>).expected ?? '';
    }
    const t = translator(langOfRes(res), 'viewer');
    const text = (await reader.xmlText(doc)) ?? '';
    const parsed = parseExpectations(input, t);
    if (!parsed.ok) {
      const { named } = await comparePartsShared(text, doc, undefined, langOfRes(res));
      send(
        res,
        <ComparePage scope={scope} doc={doc} input={input} problem={parsed.problem} named={named} />,
        400,
      );
      return;
    }
    const { named, rows = [] } = await comparePartsShared(text, doc, parsed.fields, langOfRes(res));
    await reader.logAccess('compare', [doc.patient], doc.oid, requestIdOf(res));
    send(res, <ComparePage scope={scope} doc={doc} input={input} rows={rows} named={named} />);
  });
}
