/**
 * The parts of the document pages that grow with the document: the narrative and the raw XML of the
 * document page, the narrative diff of the diff page, the named fields and comparison of the compare
 * page. Parsing and rendering a stored document of megabytes takes seconds of CPU, so for a large
 * document (OFFLOAD_XML_BYTES or more) they are made in a worker thread (this module is the job module
 * of its pool; the document page takes its parts as finished HTML): other requests are served
 * meanwhile. A small document is handled in the request, through the same code.
 *
 * The raw XML view shows at most the first MAX_XML_VIEW_CHARS characters (pretty-xml.tsx), with a note
 * and the link to the byte-exact download; the narrative is shown whole, as it is what the archivist
 * checks.
 */
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { OFFLOAD_XML_BYTES } from '../http/limits.ts';
import { HL7_V3_NS } from '../archive/xml.ts';
import { MAX_SOCIAL_XHTML_BYTES, decodeBase64 } from '../archive/social-body.ts';
import { childNamed, parseOrdered, textContent, type XElement } from '../xml/ordered.ts';
import { translator } from '../../common/i18n/index.ts';
import type { ArchivedDocument } from '../domain/cda.ts';
import { WorkerPool } from '../workers/pool.ts';
import { compareDocument, type CompareRow } from './compare.ts';
import { diffLines, type DiffLine } from './diff.ts';
import { documentFields, type NamedValue } from './fields.ts';
import { parseForXPath, type XPathDocument } from './xpath-value.ts';
import { Coded, Empty, Notice } from './components.tsx';
import { Guard, Unreadable } from './guard.tsx';
import { LangContext, useT, type Lang } from './i18n.tsx';
import {
  cdaSections,
  CdaNarrative,
  narrativeLines,
  nonXmlBodyType,
  XhtmlNarrative,
  type CdaSection,
} from './narrative.tsx';
import { PrettyXml } from './pretty-xml.tsx';

/** The stored XML of a document, parsed for the page, or why it cannot be shown. */
export type DocumentXml =
  | {
      ok: true;
      root: XElement;
      prolog: string | undefined;
      sections: CdaSection[];
      nonXmlBody?: string;
      /** A social-welfare document's decoded XHTML view (nonXMLBody/text, base64). */
      socialXhtml?: XElement;
    }
  | { ok: false; problem: string };

/** The narrative and raw-XML parts rendered to HTML (escaped by the renderer). */
export interface RenderedBody {
  rendered: true;
  narrative: string;
  xml: string;
}

export function documentXmlOf(text: string | undefined): DocumentXml {
  if (text === undefined) return { ok: false, problem: 'the stored XML is missing' };
  const parsed = parseOrdered(text);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const nonXml = nonXmlBodyType(parsed.root);
  const socialXhtml = nonXml === 'application/xhtml+xml' ? socialXhtmlOf(parsed.root) : undefined;
  return {
    ok: true,
    root: parsed.root,
    prolog: parsed.prolog,
    sections: cdaSections(parsed.root),
    ...(nonXml !== undefined && { nonXmlBody: nonXml }),
    ...(socialXhtml !== undefined && { socialXhtml }),
  };
}

/**
 * The decoded XHTML view of a social-welfare document (nonXMLBody/text, base64), size-limited, parsed by
 * the same ordered parser as the document; the page renders it through the narrative allow-list.
 */
function socialXhtmlOf(root: XElement): XElement | undefined {
  const text = childNamed(
    childNamed(childNamed(root, 'component', HL7_V3_NS), 'nonXMLBody', HL7_V3_NS),
    'text',
    HL7_V3_NS,
  );
  if (!text) return undefined;
  const decoded = decodeBase64(textContent(text), MAX_SOCIAL_XHTML_BYTES);
  if ('problem' in decoded) return undefined;
  const parsed = parseOrdered(Buffer.from(decoded.bytes).toString('utf8'));
  return parsed.ok ? parsed.root : undefined;
}

function SectionView({ section, depth }: { section: CdaSection; depth: number }): VNode {
  const Heading = depth === 0 ? 'h3' : 'h4';
  return (
    <div class="cda-section">
      {(section.title !== undefined || section.code) && (
        <Heading class="cda-section-title">
          {section.title ?? <UntitledSection />}
          {section.code && (
            <span class="cda-section-code">
              <Coded
                value={{
                  code: section.code.code,
                  codeSystem: section.code.codeSystem,
                  ...(section.code.displayName !== undefined && { displayName: section.code.displayName }),
                }}
              />
            </span>
          )}
        </Heading>
      )}
      {section.text ? (
        <CdaNarrative text={section.text} />
      ) : (
        <p class="muted">No narrative text in this section.</p>
      )}
      {section.sections.map((s, i) => (
        <SectionView key={i} section={s} depth={depth + 1} />
      ))}
    </div>
  );
}

function UntitledSection(): VNode {
  const t = useT();
  return <>{t('doc.untitledSection')}</>;
}

/** The narrative section's content. */
export function NarrativeView({ xml }: { xml: DocumentXml }): VNode {
  const t = useT();
  if (!xml.ok) return <Notice kind="error">{t('doc.xmlNotShown', { problem: xml.problem })}</Notice>;
  if (xml.socialXhtml !== undefined)
    return (
      <div class="card narrative-card" data-testid="narrative">
        <p class="muted">{t('doc.xhtmlView')}</p>
        <XhtmlNarrative div={xml.socialXhtml} />
      </div>
    );
  if (xml.nonXmlBody !== undefined)
    return <Notice kind="info">{t('doc.nonXml', { type: xml.nonXmlBody })}</Notice>;
  if (xml.sections.length === 0) return <Empty>{t('doc.noSections')}</Empty>;
  return (
    <div class="card narrative-card" data-testid="narrative">
      {xml.sections.map((s, i) => (
        <SectionView key={i} section={s} depth={0} />
      ))}
    </div>
  );
}

/** The raw-XML section's content: the pretty-printed XML (its first part, for a large document). */
export function XmlView({ xml, oid }: { xml: DocumentXml; oid: string }): VNode {
  const t = useT();
  if (!xml.ok) return <Notice kind="error">{xml.problem}</Notice>;
  return (
    <PrettyXml
      root={xml.root}
      prolog={xml.prolog}
      onCut={
        <Notice kind="info">
          <span data-testid="xml-cut">{t('doc.xmlCut')}</span>{' '}
          <a href={`/viewer/documents/${encodeURIComponent(oid)}/xml`}>{t('doc.xmlExact')}</a>
        </Notice>
      }
    />
  );
}

/** Renders one part to HTML in the page's language, behind the same guard as the page's sections. */
function toHtml(lang: Lang, what: string, part: VNode): string {
  return renderToString(
    <LangContext.Provider value={lang}>
      <Guard fallback={<UnreadablePart what={what} />}>{part}</Guard>
    </LangContext.Provider>,
  );
}

function UnreadablePart({ what }: { what: string }): VNode {
  const t = useT();
  return <Unreadable what={t('doc.sectionN', { title: t(what) })} />;
}

/** Job: parses the stored XML text and renders the narrative and raw-XML parts of its page. */
export function renderDocumentBody(text: string | undefined, lang: Lang, oid: string): RenderedBody {
  const xml = documentXmlOf(text);
  return {
    rendered: true,
    narrative: toHtml(lang, 'page.narrative', <NarrativeView xml={xml} />),
    xml: toHtml(lang, 'page.rawXML', <XmlView xml={xml} oid={oid} />),
  };
}

/** Job: the narrative lines of two stored versions, line-diffed (the diff page). */
export function narrativeDiff(beforeText: string | undefined, afterText: string | undefined): DiffLine[] {
  const linesOf = (text: string | undefined): string[] => {
    const parsed = text === undefined ? undefined : parseOrdered(text);
    return parsed?.ok === true ? narrativeLines(cdaSections(parsed.root)) : [];
  };
  return diffLines(linesOf(beforeText), linesOf(afterText));
}

/**
 * Job: the archivist's named fields of a document and, when `fields` are given, the comparison of the
 * expected values with it (the compare page). `lang` words the rows.
 */
export function compareParts(
  text: string,
  doc: ArchivedDocument,
  fields: [string, unknown][] | undefined,
  lang: Lang,
): ComparedParts {
  const parsedXml = parseForXPath(text);
  const named = documentFields(doc, parsedXml.ok ? parsedXml.doc : undefined);
  if (fields === undefined) return { named };
  return { named, rows: compareDocument(doc, fields, () => parsedXml, translator(lang, 'viewer')) };
}

export interface ComparedParts {
  named: NamedValue[];
  rows?: CompareRow[];
}

let pool: WorkerPool | undefined;

/** Runs a job here for a small document, else in the pool's worker; `failed` answers when that fails. */
async function offloaded<T>(
  size: number,
  fn: string,
  args: unknown[],
  here: () => T,
  failed: () => T,
): Promise<T> {
  if (size < OFFLOAD_XML_BYTES) return here();
  pool ??= new WorkerPool({ module: import.meta.url, size: 1 });
  try {
    return await pool.run<T>(fn, args);
  } catch {
    return failed();
  }
}

/** The diff page's narrative diff, off the event loop for large versions (see `offloaded`). */
export function narrativeDiffShared(
  beforeText: string | undefined,
  afterText: string | undefined,
): Promise<DiffLine[]> {
  return offloaded(
    (beforeText?.length ?? 0) + (afterText?.length ?? 0),
    'narrativeDiff',
    [beforeText, afterText],
    () => narrativeDiff(beforeText, afterText),
    () => [],
  );
}

/**
 * The compare page's parts, off the event loop for a large document. When the worker fails the
 * header fields are still compared; the XML-based ones say the XML could not be read.
 */
export function comparePartsShared(
  text: string,
  doc: ArchivedDocument,
  fields: [string, unknown][] | undefined,
  lang: Lang,
): Promise<ComparedParts> {
  return offloaded(
    text.length,
    'compareParts',
    [text, doc, fields, lang],
    () => compareParts(text, doc, fields, lang),
    () => {
      const unread: XPathDocument = { ok: false, problem: 'the document is too large to read here' };
      const named = documentFields(doc);
      if (fields === undefined) return { named };
      return { named, rows: compareDocument(doc, fields, () => unread, translator(lang, 'viewer')) };
    },
  );
}

/**
 * The narrative and raw-XML parts of a document's page: in a worker for a document of
 * OFFLOAD_XML_BYTES or more, else here. When the worker fails (a document too large for its memory,
 * the server closing) both parts say so; the page and the download still work.
 */
export function documentBody(text: string | undefined, lang: Lang, oid: string): Promise<RenderedBody> {
  return offloaded(
    text?.length ?? 0,
    'renderDocumentBody',
    [text, lang, oid],
    () => renderDocumentBody(text, lang, oid),
    () => {
      const problem = 'the document is too large to show here; download the XML';
      return {
        rendered: true,
        narrative: toHtml(lang, 'page.narrative', <NarrativeView xml={{ ok: false, problem }} />),
        xml: toHtml(lang, 'page.rawXML', <XmlView xml={{ ok: false, problem }} oid={oid} />),
      };
    },
  );
}
