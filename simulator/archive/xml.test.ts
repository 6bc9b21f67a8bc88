import { beforeAll, describe, expect, it } from 'vitest';
import { buildCda } from '../../fixtures/cda/index.ts';
import { decodeUtf8, parseXml, parseXmlBytes, type ParseResult } from './xml.ts';
import { elementTreeParserLoaded, loadElementTreeParser } from '../xml/element-tree.ts';

// The one-pass parse is what these tests compare with the reference parser: load libxml2 first.
beforeAll(async () => {
  await loadElementTreeParser();
  expect(elementTreeParserLoaded()).toBe(true);
});

/** The reference reading: decode, then parse the text. */
function reference(bytes: Uint8Array, maxBytes: number): ParseResult {
  const decoded = decodeUtf8(bytes, '/part');
  return decoded.ok ? parseXml(decoded.text, '/part', maxBytes) : decoded;
}

const enc = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))));

describe('parseXmlBytes: the CDA part read from its bytes', () => {
  it('answers exactly as decoding and then parsing would, findings included', () => {
    const cda = buildCda({ padToBytes: 5000 });
    const cases: Uint8Array[] = [
      enc(cda),
      enc([0xef, 0xbb, 0xbf], cda),
      enc('<?xml version="1.0" encoding="ISO-8859-1"?><a/>'),
      enc('<?xml version="1.0" encoding="utf8"?><a>K', [0xc3, 0xa4], 'ynti</a>'),
      enc('<a>x', [0xc3, 0x28], '</a>'),
      enc('<a>x', [0xef, 0xbf, 0xbe], '</a>'), // U+FFFE: valid UTF-8, refused by libxml2, decided by the reference parser
      enc('<a k="x', [0xc2, 0xa0], 'y">', [0xe2, 0x80, 0xa8], '</a>'),
      enc('   '),
      enc([0xc2, 0xa0]),
      enc('<!DOCTYPE a><a/>'),
      enc('<a>&nbsp;</a>'),
      enc('<a><b></a>'),
      enc('<a/><a/>'),
      enc('<a xmlns:h="urn:hl7-org:v3"><h:b y:z="1"/></a>'),
    ];
    for (const bytes of cases) {
      expect(parseXmlBytes(bytes, '/part', 1 << 20), Buffer.from(bytes).toString()).toEqual(
        reference(bytes, 1 << 20),
      );
    }
    // The size limit counts the text's bytes, as the reference does (a BOM is not part of the text).
    const bom = enc([0xef, 0xbb, 0xbf], '<a>12345</a>');
    for (const max of [11, 12, 13, 15]) expect(parseXmlBytes(bom, '/part', max)).toEqual(reference(bom, max));
  });
});
