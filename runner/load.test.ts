import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../simulator/domain/codes.ts';
import {
  collectScenarioFiles,
  formatProblem,
  loadScenarioFile,
  parseScenario,
  ScenarioLoadError,
} from './load.ts';

const GOOD = `id: demo
title: Demo
description: A demo scenario.
service: pta
vars:
  org: 1.2.246.10.3210987.10.0
steps:
  - id: one
    title: Read readiness
    do:
      fixture: { path: '/registry/readiness/{{org}}' }
    expect:
      checks:
        - path: ready
          equals: true
    save:
      when: '{{response.body.checkedAt}}'
  - id: two
    title: Use the saved value
    expect:
      checks:
        - in: when
          exists: true
`;

/** The problems parseScenario reports for `text`, formatted as the CLI prints them. */
function problems(text: string): string[] {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (e) {
    if (e instanceof ScenarioLoadError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

describe('loading scenarios', () => {
  it('accepts a well-formed scenario', () => {
    const { scenario } = parseScenario(GOOD, 'good.yaml');
    expect(scenario.steps.map((s) => s.id)).toEqual(['one', 'two']);
  });

  it('names the line and suggests the right word for an unknown field', () => {
    const text = GOOD.replace(
      '    expect:\n      checks:\n        - path: ready',
      '    expext:\n      checks:\n        - path: ready',
    );
    expect(problems(text)).toEqual([
      expect.stringMatching(
        /^bad\.yaml:12:5: steps\[0\]\.expext: unknown field 'expext'; did you mean 'expect'\? Allowed here: id, title/,
      ),
    ]);
  });

  it('says which required field is missing and where', () => {
    const text = GOOD.replace('  - id: two\n    title: Use the saved value\n', '  - id: two\n');
    expect(problems(text)).toEqual([
      expect.stringMatching(/^bad\.yaml:18:5: steps\[1\]: this entry needs 'title'; add it$/),
    ]);
  });

  it('lists the allowed values of an enumeration', () => {
    const text = GOOD.replace('service: pta', 'service: pta-appointments');
    expect(problems(text)).toEqual([
      expect.stringMatching(
        /^bad\.yaml:4:10: service: is "pta-appointments"; use one of: pta, pta-appointment,/,
      ),
    ]);
  });

  it('reports a variable used before it is defined, with the line', () => {
    const text = GOOD.replace("'/registry/readiness/{{org}}'", "'/registry/readiness/{{organisation}}'");
    expect(problems(text)).toEqual([
      expect.stringMatching(
        /^bad\.yaml:11:24: steps\[0\]\.do\.fixture\.path: \{\{organisation\}\} is not defined at this point/,
      ),
    ]);
  });

  it('reports a variable read with in: before it is saved', () => {
    const text = GOOD.replace('        - in: when', '        - in: whenn');
    expect(problems(text)).toEqual([
      expect.stringMatching(/steps\[1\]\.expect\.checks\[0\]\.in: reads variable 'whenn'/),
    ]);
  });

  it('refuses a step that does two things at once', () => {
    const text = GOOD.replace(
      "      fixture: { path: '/registry/readiness/{{org}}' }",
      "      fixture: { path: '/a' }\n      command: echo hi",
    );
    expect(problems(text)).toEqual([
      expect.stringMatching(/steps\[0\]\.do: does fixture and command; give one of sut, fixture or command/),
    ]);
  });

  it('refuses duplicate step ids and invalid YAML', () => {
    expect(problems(GOOD.replace('id: two', 'id: one'))).toEqual([
      expect.stringMatching(/step id 'one' is used twice/),
    ]);
    expect(problems('id: [unclosed')).toEqual([expect.stringMatching(/^bad\.yaml:\d+:\d+: not valid YAML/)]);
  });

  it('loads every shipped scenario without problems', () => {
    const files = collectScenarioFiles(['scenarios']);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(() => loadScenarioFile(file)).not.toThrow();
  });

  it('accepts the worked example in scenarios/README.md', () => {
    const readme = readFileSync('scenarios/README.md', 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const { scenario } = parseScenario(example!, 'scenarios/README.md');
    expect(scenario.steps.map((s) => s.id)).toEqual(['archive', 'replace']);
  });

  it('ships a schema whose service list is the simulator’s', () => {
    const schema = JSON.parse(readFileSync('runner/scenario.schema.json', 'utf8')) as {
      properties: { service: { enum: string[] } };
    };
    expect(schema.properties.service.enum).toEqual([...SERVICES]);
  });
});
