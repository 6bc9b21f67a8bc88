/**
 * The scan of XML as written (identity-scan.ts): each place markup can hold a code is reported with its
 * kind, path and line; text split by inline markup is read whole, text in separate blocks is not; codes
 * already reported elsewhere are left out, and a document with none costs two native passes.
 */
import { describe, expect, it } from 'vitest';
import { REAL_RANGE_HETU as REAL } from '../../../fixtures/cda/index.ts';
import { scanXmlText } from './identity-scan.ts';

const doc = (inner: string, before = '', after = ''): string =>
  `<?xml version="1.0"?>${before}\n<a xmlns="urn:hl7-org:v3"><b>${inner}</b></a>${after}`;

describe('scanXmlText', () => {
  it.each([
    ['a comment', doc(`<!-- ${REAL} -->`), 'comment', '/a/b/comment()', 2],
    ['a processing instruction', doc(`<?note ${REAL}?>`), 'pi', "/a/b/processing-instruction('note')", 2],
    ['a namespace declaration', doc(`<c xmlns:x="urn:${REAL}"/>`), 'namespace', '/a/b/c/@xmlns:x', 2],
    ['an attribute value with a reference', doc(`<c v="131052&#45;308T"/>`), 'attribute', '/a/b/c/@v', 2],
    ['an element name', doc(`<x-${REAL}/>`), 'name', `/a/b/x-${REAL}`, 2],
    ['a comment before the root', doc('', `<!-- ${REAL} -->`), 'comment', '/comment()', 1],
    ['a comment after the root', doc('', '', `\n<!-- ${REAL} -->`), 'comment', '/comment()', 3],
    ['inline markup', doc(`131052<content>-308</content>T`), 'split', '/a/b/text()', 2],
    ['CDATA and a comment', doc(`131052<![CDATA[-3]]><!-- x -->08T`), 'split', '/a/b/text()', 2],
    ['a CDATA end after a digit', doc(`<![CDATA[131052-3]]>08T`), 'split', '/a/b/text()', 2],
    ['a tag before a digit only', doc(`131052-<content/>308T`), 'split', '/a/b/text()', 2],
  ])('finds a code in %s', (_what, text, kind, path, line) => {
    expect(scanXmlText(text)).toEqual([{ code: REAL, kind, path, line }]);
  });

  it('reads separate blocks apart, as a reader sees a title and a paragraph', () => {
    expect(scanXmlText(doc(`<title>131052</title><paragraph>-308T</paragraph>`))).toEqual([]);
    expect(scanXmlText(doc(`<title>Osio 1</title><text>131052-308T</text>`))[0]?.path).toBe(
      '/a/b/text/text()',
    );
  });

  it('leaves out codes reported elsewhere, and finds nothing in a document without one', () => {
    expect(scanXmlText(doc(`<!-- ${REAL} -->`), new Set([REAL]))).toEqual([]);
    expect(scanXmlText(doc('<c v="010181-900C">Testi 010181-900C</c><!-- 20260915 -->'))).toEqual([]);
  });
});
