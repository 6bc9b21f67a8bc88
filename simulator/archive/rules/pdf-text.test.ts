import { deflateSync } from 'node:zlib';
import { pdfWith } from '../../../fixtures/cda/pdf.ts';
import { describe, expect, it } from 'vitest';
import { findRealCodes } from '../../domain/identity-guard.ts';
import { isPdf, readPdfText, shownText } from './pdf-text.ts';

const CODE = '131052-308T';
const joined = (bytes: Buffer): string => readPdfText(bytes).texts.join('\n');

describe('the text a PDF shows', () => {
  it('recognises a PDF by its header', () => {
    expect(isPdf(pdfWith('BT ET'))).toBe(true);
    expect(isPdf(Buffer.from(`junk\n%PDF-1.4\n`))).toBe(true);
    expect(isPdf(Buffer.from('<html/>'))).toBe(false);
  });

  it('inflates FlateDecode content streams and reads their strings', () => {
    const pdf = pdfWith(`BT /F1 12 Tf 72 720 Td (Potilas ${CODE}) Tj ET`);
    expect(pdf.toString('latin1')).not.toContain(CODE);
    expect(readPdfText(pdf).inflated).toBe(1);
    expect(joined(pdf)).toContain(CODE);
  });

  it('joins kerned pieces, consecutive strings and hex strings, and decodes escapes', () => {
    expect(shownText(`BT [(1310) -20 (52-308T)] TJ ET`)).toContain(CODE);
    expect(shownText(`BT (1310) Tj (52-) Tj (308T) Tj ET`)).toContain(CODE);
    expect(shownText(`BT <${Buffer.from(CODE).toString('hex')}> Tj ET`)).toContain(CODE);
    const octal = Array.from(CODE, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`).join('');
    expect(shownText(`BT (${octal}) Tj ET`)).toContain(CODE);
    expect(shownText('BT (13105\\\n2-308T) Tj ET')).toContain(CODE);
    const utf16 = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CODE, 'utf16le').swap16()]);
    expect(shownText(`<< /Title <${utf16.toString('hex')}> >>`)).toContain(CODE);
  });

  it('keeps runs apart where the text moves, and a wide kerning as a word gap', () => {
    const texts = shownText('BT (131052-) Tj 0 -14 Td (308T) Tj ET BT [(131052-) -900 (308T)] TJ ET');
    expect(texts.some((t) => t.includes(CODE))).toBe(false);
    expect(texts).toContain('131052- 308T');
  });

  it('skips inline image data and comments', () => {
    expect(shownText(`BI /W 1 /H 1 ID (${CODE}) EI BT (a) Tj ET`).join('|')).not.toContain(CODE);
    expect(shownText(`% (${CODE}) Tj\nBT (b) Tj ET`).join('|')).not.toContain(CODE);
  });

  it('reads strings outside streams (the document information)', () => {
    const pdf = Buffer.concat([
      pdfWith('BT ET'),
      Buffer.from(`5 0 obj\n<< /Author (\\061\\063\\061\\060\\065\\062-308T) >>\nendobj\n`),
    ]);
    expect(joined(pdf)).toContain(CODE);
  });

  it('skips a stream that does not inflate, and stops at its bounds', () => {
    const corrupt = pdfWith(Buffer.from('this is not deflate data'), false).toString('latin1');
    const bad = Buffer.from(corrupt.replace('/Length', '/Filter /FlateDecode /Length'), 'latin1');
    expect(() => readPdfText(bad)).not.toThrow();
    expect(readPdfText(bad).inflated).toBe(0);
    // Many streams: no more than maxStreams are read.
    const many = Buffer.concat([
      pdfWith('BT ET'),
      ...Array.from({ length: 50 }, (_, i) =>
        Buffer.concat([
          Buffer.from(`${10 + i} 0 obj\n<< /Filter /FlateDecode >>\nstream\n`),
          deflateSync(`BT (x${i}) Tj ET`),
          Buffer.from('\nendstream\nendobj\n'),
        ]),
      ),
    ]);
    expect(readPdfText(many).inflated).toBe(51);
    expect(readPdfText(many, { maxStreams: 10, maxInflatedBytes: 1 << 20 }).inflated).toBe(10);
    // A stream inflating beyond the budget is not read (a deflate bomb).
    const bomb = pdfWith(Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(readPdfText(bomb, { maxStreams: 10, maxInflatedBytes: 1024 * 1024 }).inflated).toBe(0);
    expect(readPdfText(bomb).inflated).toBe(1);
  });
  it('finds no real code where the PDF shows a test-range code', () => {
    const pdf = pdfWith(`BT [(0101) -20 (81-900C)] TJ <${Buffer.from('010181-900C').toString('hex')}> Tj ET`);
    const texts = readPdfText(pdf).texts;
    expect(texts.join('\n')).toContain('010181-900C');
    expect(texts.flatMap(findRealCodes)).toEqual([]);
  });

  it('does not read a code in a stream past maxStreams', () => {
    const pdf = Buffer.concat([
      pdfWith('BT ET'),
      Buffer.from('5 0 obj\n<< /Filter /FlateDecode >>\nstream\n'),
      deflateSync(`BT [(1310) -20 (52-308T)] TJ ET`),
      Buffer.from('\nendstream\nendobj\n'),
    ]);
    expect(readPdfText(pdf).texts.flatMap(findRealCodes)).toEqual([CODE]);
    const bounded = readPdfText(pdf, { maxStreams: 1, maxInflatedBytes: 1 << 20 });
    expect(bounded.inflated).toBe(1);
    expect(bounded.texts.flatMap(findRealCodes)).toEqual([]);
  });
});
