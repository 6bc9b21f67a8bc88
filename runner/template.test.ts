import { describe, expect, it } from 'vitest';
import { referencedNames, render, renderText, TemplateError } from './template.ts';

const vars = {
  org: '1.2.246.10.3210987.10.0',
  patient: { hetu: '010181-900C', birthDate: '1981-01-01' },
  event: { seq: 7, resourceIds: ['Appointment/12/_history/2'] },
  count: 3,
};

describe('templates', () => {
  it('fills placeholders inside text', () => {
    expect(renderText('/registry/readiness/{{org}}?p={{ patient.hetu }}', vars, 'x')).toBe(
      '/registry/readiness/1.2.246.10.3210987.10.0?p=010181-900C',
    );
  });

  it('keeps the type of a value when the string is exactly one placeholder', () => {
    expect(render('{{count}}', vars, 'x')).toBe(3);
    expect(render('{{patient}}', vars, 'x')).toEqual(vars.patient);
    expect(render({ ids: '{{event.resourceIds}}' }, vars, 'x')).toEqual({ ids: vars.event.resourceIds });
  });

  it('reads list entries with [n] and .n', () => {
    expect(render('{{event.resourceIds[0]}}', vars, 'x')).toBe('Appointment/12/_history/2');
    expect(render('{{event.resourceIds.0}}', vars, 'x')).toBe('Appointment/12/_history/2');
  });

  it('writes objects inside text as JSON', () => {
    expect(renderText('p={{patient}}', vars, 'x')).toBe('p={"hetu":"010181-900C","birthDate":"1981-01-01"}');
  });

  it('names an unknown variable, where it was used and the known ones', () => {
    const run = (): unknown => render({ path: '/x/{{orgg}}' }, vars, 'steps[0].do.fixture');
    expect(run).toThrow(TemplateError);
    expect(run).toThrow(
      /unknown variable 'orgg' in \{\{orgg\}\} at steps\[0\]\.do\.fixture\.path.*Known: count, event, org, patient/,
    );
  });

  it('says which field is missing and which exist', () => {
    expect(() => render('{{patient.name}}', vars, 'here')).toThrow(
      /'patient' has no such field; it has: hetu, birthDate/,
    );
  });

  it('lists the root names a string refers to', () => {
    expect(referencedNames('{{a}} and {{ b.c[0] }} and {{a}}')).toEqual(['a', 'b', 'a']);
  });
});
