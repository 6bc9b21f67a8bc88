/**
 * The schema plumbing alone: each repository's schema is picked from the directory by its entry point,
 * a repository without one is answered with CDA-XSD-002, and libxml2's node paths become kantasim's
 * element paths. The tiny stand-in schemas are in fixtures/cda/schema-mini.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XmlDocument } from 'libxml2-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCda, socialCda } from '../../fixtures/cda/index.ts';
import { elementPath, loadCdaSchema } from './schema.ts';

const MINI = fileURLToPath(new URL('../../fixtures/cda/schema-mini', import.meta.url));
const bytes = (xml: string): Uint8Array => new Uint8Array(Buffer.from(xml, 'utf8'));

describe('the CDA schema set', () => {
  it('picks CDA.xsd for the Patient Data Repository and CDA_Fi_sos.xsd for social welfare', () => {
    const schema = loadCdaSchema(MINI);
    expect(schema.entries).toEqual({ pta: 'CDA.xsd', social: 'CDA_Fi_sos.xsd' });
    const social = socialCda('client').cda;
    expect(schema.validate(bytes(social), 'social')).toEqual([]);
    // The social-welfare schema is not the Patient Data Repository's: a document without
    // hl7fi:localSocialHeader is not valid against it.
    expect(schema.validate(bytes(buildCda()), 'social').map((f) => f.code)).toEqual(['CDA-XSD-001']);
    schema.dispose();
  });

  it('answers CDA-XSD-002 for a repository whose schema the directory lacks, and refuses a directory with none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kantasim-xsd-'));
    try {
      expect(() => loadCdaSchema(dir)).toThrow(/no CDA_Fi\.xsd, CDA\.xsd or CDA_Fi_sos\.xsd/);
      copyFileSync(join(MINI, 'CDA_Fi_sos.xsd'), join(dir, 'CDA_Fi_sos.xsd'));
      copyFileSync(join(MINI, 'hl7fi_sos_mini.xsd'), join(dir, 'hl7fi_sos_mini.xsd'));
      const schema = loadCdaSchema(dir);
      expect(schema.entries).toEqual({ social: 'CDA_Fi_sos.xsd' });
      const [f] = schema.validate(bytes(buildCda()), 'pta');
      expect([f?.code, f?.severity, f?.path]).toEqual(['CDA-XSD-002', 'information', '/ClinicalDocument']);
      expect(f?.message).toMatch(/no CDA_Fi\.xsd or CDA\.xsd/);
      schema.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("libxml2's node path as an element path", () => {
  const doc = XmlDocument.fromString(
    '<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:h="urn:hl7finland"><realmCode/><templateId/>' +
      '<templateId/><h:localHeader><h:x/><h:x/></h:localHeader><title>t</title></ClinicalDocument>',
  );
  afterAll(() => {
    doc.dispose();
  });

  it('names elements, with an index among siblings of the same name only', () => {
    expect(elementPath(doc, '/*')).toBe('/ClinicalDocument');
    expect(elementPath(doc, '/*/*[3]')).toBe('/ClinicalDocument/templateId[2]');
    expect(elementPath(doc, '/*/*[1]')).toBe('/ClinicalDocument/realmCode');
    expect(elementPath(doc, '/*/h:localHeader/h:x[2]')).toBe(
      '/ClinicalDocument/hl7fi:localHeader/hl7fi:x[2]',
    );
    expect(elementPath(doc, '/*/*[5]/@foo')).toBe('/ClinicalDocument/title/@foo');
    expect(elementPath(doc, '/*/*[5]/text()')).toBe('/ClinicalDocument/title');
  });

  it('gives up on a path it cannot follow (the finding then keeps line and column)', () => {
    expect(elementPath(doc, '/*/*[9]')).toBeUndefined();
    expect(elementPath(doc, 'relative')).toBeUndefined();
    expect(elementPath(doc, '/*/h:nothing')).toBeUndefined();
  });
});
