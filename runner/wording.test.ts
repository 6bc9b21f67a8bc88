/**
 * The runner's own wording follows the run's language: failure frames, automatic titles and stored
 * findings (worded from the catalogue, whatever language they were stored in); stable names stay English.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ruleFor } from '../common/rules/catalogue.ts';
import { compare } from './compare.ts';
import { expected, showFindings } from './messages.ts';
import { actionName, checkTitle } from './state.ts';
import { setRunLanguage } from './wording.ts';

afterEach(() => {
  setRunLanguage('en');
});

describe('runner wording in the run’s language', () => {
  it('words the failure frame and comparisons in Finnish and Swedish, English by default', () => {
    expect(expected('x', 'y', 'R1')).toBe('expected x, received y (requirement R1)');
    setRunLanguage('fi');
    expect(expected('x', 'y', 'R1')).toBe('odotettiin x, saatiin y (vaatimus R1)');
    // A message that already names its requirement gets no second mention, in any language.
    expect(expected('x (vaatimus R1)', 'y', 'R1')).toBe('odotettiin x (vaatimus R1), saatiin y');
    expect(compare([], { exists: true }, 'x')).toEqual(['odotettiin, että x on olemassa, saatiin ei mitään']);
    setRunLanguage('sv');
    expect(compare(['a'], { contains: 'z' }, 'ids')).toEqual(['förväntade att ids innehåller "z", fick "a"']);
  });

  it('titles checks and actions in the run’s language, and in English on request (stable names)', () => {
    const check = { path: 'ready', equals: false };
    const action = { fixture: { path: '/registry/readiness/{{org}}' } };
    setRunLanguage('fi');
    expect(checkTitle({ path: 'items', count: 2 })).toBe('items lukumäärä 2');
    expect(checkTitle(check, 'en')).toBe('ready = false');
    expect(actionName(action)).toBe('GET /registry/readiness/‹org› (simulaattori)');
    expect(actionName(action, 'en')).toBe('GET /registry/readiness/‹org› (simulator)');
  });

  it('shows stored findings in the run’s language from the catalogue', () => {
    const finding = {
      code: 'CDA-NUL-001',
      severity: 'error',
      message: 'no archived document 1.2.3',
      args: { oid: '1.2.3' },
    };
    expect(showFindings([finding])).toBe('CDA-NUL-001 (error): no archived document 1.2.3');
    setRunLanguage('fi');
    const fi = ruleFor('CDA-NUL-001')?.messages.fi.replace('{oid}', '1.2.3');
    expect(showFindings([finding])).toBe(`CDA-NUL-001 (error): ${fi}`);
  });
});
