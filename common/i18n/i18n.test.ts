/**
 * The i18n layer: every message file has every key in fi, sv and en with the same ICU arguments (so a
 * missing or half-translated message fails here, not in front of an archivist), language negotiation,
 * and Helsinki times.
 */
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import {
  LANGS,
  catalog,
  format,
  formatDate,
  formatDateTime,
  formatNumber,
  fromEnvironment,
  helsinkiDay,
  namespaces,
  negotiate,
} from './index.ts';

function argumentsOf(elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      argumentsOf(el.children, into);
      continue;
    }
    into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

describe('message files', () => {
  it('every language has the same namespaces', () => {
    const en = namespaces('en');
    expect(en.length).toBeGreaterThan(0);
    for (const lang of LANGS) expect(namespaces(lang)).toEqual(en);
  });

  for (const ns of namespaces('en')) {
    it(`${ns}: every key in fi, sv and en, with the same arguments, and no empty text`, () => {
      const keys = Object.keys(catalog('en', ns)).sort();
      for (const lang of LANGS) {
        const messages = catalog(lang, ns);
        expect(Object.keys(messages).sort(), `${lang}/${ns}.json keys`).toEqual(keys);
        for (const key of keys) {
          const text = messages[key] ?? '';
          expect(text.trim(), `${lang}/${ns}.json ${key}`).not.toBe('');
          const args = [...argumentsOf(parse(text, { ignoreTag: true }))].sort();
          const enArgs = [...argumentsOf(parse(catalog('en', ns)[key] ?? '', { ignoreTag: true }))].sort();
          expect(args, `${lang}/${ns}.json ${key} arguments`).toEqual(enArgs);
        }
      }
    });
  }
});

describe('format', () => {
  it('formats plurals per language', () => {
    expect(format('en', 'outcomes', 'count.errors', { count: 1 })).toBe('1 error');
    expect(format('en', 'outcomes', 'count.errors', { count: 2 })).toBe('2 errors');
    expect(format('fi', 'outcomes', 'count.errors', { count: 2 })).toBe('2 virhettä');
    expect(format('sv', 'outcomes', 'count.warnings', { count: 3 })).toBe('3 varningar');
  });

  it('falls back to English, then to the key, for a key no file has', () => {
    expect(format('fi', 'outcomes', 'no.such.key')).toBe('no.such.key');
  });

  it('defines "refused" (a submission) and "failed" (a check) as different words in every language', () => {
    for (const lang of LANGS) {
      expect(format(lang, 'outcomes', 'submission.refused')).not.toBe(
        format(lang, 'outcomes', 'check.failed'),
      );
    }
  });
});

describe('negotiate', () => {
  it('picks by q-value and primary subtag', () => {
    expect(negotiate('sv-SE,sv;q=0.9,en;q=0.8', 'fi')).toBe('sv');
    expect(negotiate('en-US;q=0.5, fi;q=0.9', 'en')).toBe('fi');
    expect(negotiate('de-DE, en;q=0.3', 'fi')).toBe('en');
    expect(negotiate('de-DE', 'fi')).toBe('fi');
    expect(negotiate(undefined, 'fi')).toBe('fi');
    expect(negotiate('*', 'sv')).toBe('sv');
    expect(negotiate('fi;q=0, en', 'sv')).toBe('en');
  });

  it('reads the POSIX locale', () => {
    expect(fromEnvironment({ LANG: 'fi_FI.UTF-8' })).toBe('fi');
    expect(fromEnvironment({ LC_ALL: 'sv_FI.UTF-8', LANG: 'fi_FI.UTF-8' })).toBe('sv');
    expect(fromEnvironment({ LANG: 'C.UTF-8' })).toBe('en');
    expect(fromEnvironment({})).toBe('en');
  });
});

describe('times in Helsinki', () => {
  it('shows one format per language with the zone', () => {
    expect(formatDateTime('2026-12-03T11:00:00Z', 'fi')).toBe('3.12.2026 klo 13.00 UTC+2');
    expect(formatDateTime('2026-06-03T10:00:00Z', 'fi')).toBe('3.6.2026 klo 13.00 UTC+3');
    expect(formatDateTime('2026-12-03T11:00:00Z', 'sv')).toBe('3.12.2026 13.00 EET');
    expect(formatDateTime('2026-12-03T11:00:00Z', 'en')).toBe('03/12/2026, 13:00 EET');
  });

  it('shows a start and an end given in different offsets in the same zone', () => {
    expect(formatDateTime('2026-12-03T13:00:00+02:00', 'fi')).toBe('3.12.2026 klo 13.00 UTC+2');
    expect(formatDateTime('2026-12-03T11:30:00Z', 'fi')).toBe('3.12.2026 klo 13.30 UTC+2');
  });

  it('keeps a bare date on its day and gives the Helsinki day of late-evening UTC moments', () => {
    expect(formatDate('2026-12-03', 'fi')).toBe('3.12.2026');
    expect(helsinkiDay('2026-12-03T23:30:00Z')).toBe('2026-12-04');
  });

  it('shows an unparsable value as it came', () => {
    expect(formatDateTime('tomorrow', 'fi')).toBe('tomorrow');
  });

  it('groups numbers per language', () => {
    expect(formatNumber(1000000, 'en')).toBe('1,000,000');
    expect(formatNumber(1000000, 'fi').replace(/\s/g, ' ')).toBe('1 000 000');
  });
});
