import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../runner/types.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { kantasimRun, startFakeSut, tempDir, writeScenario, type FakeSut } from './runner-harness.ts';

let sim: RunningServer;
let sut: FakeSut;
let dir: string;
let serial = 0;

/** A fresh, valid organisation OID for each scenario, so tests never see each other's events. */
function newOid(): string {
  serial += 1;
  return `1.2.246.10.77770${String(serial).padStart(2, '0')}.10.0`;
}

beforeAll(async () => {
  sim = await startTestSimulator();
  sut = await startFakeSut(sim.url);
  dir = tempDir();
});

afterAll(async () => {
  await sut.close();
  await sim.close();
});

/** The scenario most tests start from: the vendor system registers an organisation through its hook. */
function registerScenario(
  oid: string,
  extra: { title?: string; timeout?: number; hook?: string; name?: string } = {},
): string {
  return `id: register-${oid.replaceAll('.', '-')}
title: ${JSON.stringify(extra.title ?? 'The vendor system registers an organisation')}
description: The hook registers the organisation in the code server; the registry records it.
service: pta
organisation: '{{org}}'
requirements:
  R-register: An organisation is registered in the code server before it archives.
  R-source: The stored data matches the source system.
vars:
  org: ${oid}
  name: ${JSON.stringify(extra.name ?? 'Testiklinikka & Co <Oy>')}
steps:
  - id: register
    title: The vendor system registers the organisation
    do:
      sut:
        path: ${extra.hook ?? '/hook/register-organisation'}
        body: { oid: '{{org}}', name: '{{name}}' }
    expect:
      timeout: ${extra.timeout ?? 5}
      events:
        - id: registered
          as: registered
          requirement: R-register
          channel: registry
          kind: organisation.register
          organisation: '{{org}}'
          outcome: info
      checks:
        - id: hook-answer
          path: done
          equals: true
        - id: event-summary
          in: registered
          path: summary
          contains: '{{name}}'
    save:
      seq: { in: registered, path: seq }
      source: { in: { sut: '/source/organisations/{{org}}' } }
  - id: verify
    title: The code server holds what the source system has
    expect:
      checks:
        - id: matches-source
          checklist: matches-source
          requirement: R-source
          in: { get: '/registry/organisations/{{org}}' }
          path: name
          equals: '{{source.name}}'
        - id: saved-seq
          in: { value: '{{seq}}' }
          equals: '{{registered.seq}}'
`;
}

describe('kantasim run against the simulator and a system under test', () => {
  it('waits for the event the hook caused, saves values and asserts them against the source system', async () => {
    const oid = newOid();
    const file = writeScenario(dir, 'flow.yaml', registerScenario(oid));
    const json = join(dir, 'flow.json');
    const r = await kantasimRun([file, '--sim', sim.url, '--sut', sut.url, '--json', json]);
    expect(r.err).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.out).toContain('PASSED: all 6 selected checks passed');
    const run = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    expect(run.passed).toBe(true);
    const event = run.scenarios[0]!.steps[0]!.checks.find((c) => c.kind === 'event')!;
    // A registry event: the viewer does not show registry changes, so the evidence has no link
    // (events of the fhir and archive channels link to /viewer/events/{seq}: runs-viewer.test.ts).
    expect(event.evidence[0]?.label).toBe('event');
    // The event's time in Helsinki time (en-GB: `03/12/2026, 14:05 EET`), not the stored UTC instant.
    expect(event.evidence[0]?.value).toMatch(/^#\d+ \d{2}\/\d{2}\/\d{4}, \d{1,2}:\d{2} (EET|EEST) /);
    expect(event.evidence[0]).not.toHaveProperty('href');
    expect(sut.calls).toContain(`GET /source/organisations/${oid}`);
  });

  it('fails with expected and received, naming the requirement, when the data differs from the source system', async () => {
    const oid = newOid();
    sut.sourceNames.set(oid, 'Lähdejärjestelmän nimi Oy');
    const file = writeScenario(dir, 'differs.yaml', registerScenario(oid));
    const r = await kantasimRun([file, '--sim', sim.url, '--sut', sut.url]);
    expect(r.exitCode).toBe(1);
    expect(r.out).toContain(
      'expected name = "Lähdejärjestelmän nimi Oy", received "Testiklinikka & Co <Oy>" (requirement R-source)',
    );
  });

  it('fails a step whose submission never comes with a clear timeout message, and skips the rest', async () => {
    const oid = newOid();
    const file = writeScenario(
      dir,
      'timeout.yaml',
      registerScenario(oid, { hook: '/hook/idle', timeout: 0.3 }),
    );
    const json = join(dir, 'timeout.json');
    const r = await kantasimRun([file, '--sim', sim.url, '--sut', sut.url, '--json', json]);
    expect(r.exitCode).toBe(1);
    expect(r.out).toMatch(
      new RegExp(
        `expected an event channel=registry kind=organisation\\.register organisation=${oid.replaceAll('.', '\\.')} outcome=info within 0\\.3 s \\(timeout\\), received none.*\\(requirement R-register\\)`,
      ),
    );
    const run = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    expect(run.scenarios[0]!.steps[1]).toMatchObject({
      id: 'verify',
      verdict: 'skip',
      message: 'not run: step register failed',
    });
  });

  it('uses --timeout as the default wait of steps that give none', async () => {
    const oid = newOid();
    const text = registerScenario(oid, { hook: '/hook/idle' }).replace('      timeout: 5\n', '');
    const file = writeScenario(dir, 'cli-timeout.yaml', text);
    const r = await kantasimRun([file, '--sim', sim.url, '--sut', sut.url, '--timeout', '0.2']);
    expect(r.exitCode).toBe(1);
    expect(r.out).toContain('within 0.2 s (timeout)');
  });

  it('ends the wait at once when the submission came out differently (a near miss)', async () => {
    const oid = newOid();
    const text = registerScenario(oid)
      .replace('          outcome: info', '          outcome: refused\n          findings: [invalid-oid]')
      .replace('timeout: 5', 'timeout: 20');
    const file = writeScenario(dir, 'near-miss.yaml', text);
    const r = await kantasimRun([file, '--sim', sim.url, '--sut', sut.url]);
    expect(r.exitCode).toBe(1);
    expect(r.out).toMatch(
      /expected channel=registry kind=organisation\.register .* outcome=refused findings invalid-oid, received outcome info \(event #\d+: code-server entry/,
    );
  });

  it('reports a missing field at run time as an error that names it', async () => {
    const oid = newOid();
    const text = registerScenario(oid).replace(
      "equals: '{{registered.seq}}'",
      "equals: '{{registered.sequence}}'",
    );
    const file = writeScenario(dir, 'missing-field.yaml', text);
    const r = await kantasimRun([file, '--sim', sim.url, '--sut', sut.url]);
    expect(r.exitCode).toBe(1);
    expect(r.out).toMatch(
      /\{\{registered\.sequence\}\} at steps\[1\]\.expect\.checks\[1\]\.equals: 'registered' has no such field; it has: .*\bseq\b/,
    );
  });

  it('lets --var override a scenario variable', async () => {
    const oid = newOid();
    const file = writeScenario(dir, 'var.yaml', registerScenario('1.2.246.10.1111111.10.0'));
    const r = await kantasimRun([file, '--sim', sim.url, '--sut', sut.url, '--var', `org=${oid}`]);
    expect(r.exitCode).toBe(0);
    expect(sut.calls).toContain(`GET /source/organisations/${oid}`);
  });

  it('fails a hook step when no --sut is given, saying what to do', async () => {
    const file = writeScenario(dir, 'no-sut.yaml', registerScenario(newOid()));
    const r = await kantasimRun([file, '--sim', sim.url]);
    // A usage error the scenario cannot run without it: exit 2 before anything runs, saying what to do.
    expect(r.exitCode).toBe(2);
    expect(r.err).toContain('received no --sut URL; give --sut URL');
    expect(r.err).toContain('or run with --manual');
  });

  it('reports a hook that answers with an error status, with the reason it gave', async () => {
    const file = writeScenario(dir, 'broken.yaml', registerScenario(newOid(), { hook: '/hook/broken' }));
    const r = await kantasimRun([file, '--sim', sim.url, '--sut', sut.url]);
    expect(r.exitCode).toBe(1);
    expect(r.out).toMatch(
      /expected HTTP 2xx from POST http:\/\/127\.0\.0\.1:\d+\/hook\/broken, received 500: internal: database down/,
    );
  });

  it('sends a fixture body from a templated file and accepts the refusal it expects', async () => {
    writeScenario(
      dir,
      'bad-org.json',
      '{ "oid": "{{badOid}}", "name": "Väärä OID Oy", "kind": "organisation", "public": false }',
    );
    const file = writeScenario(
      dir,
      'refusal.yaml',
      `id: refusal
title: The code server refuses a malformed OID
description: A rehearsal of a refusal; the request is wrong on purpose.
service: pta
vars:
  badOid: 1.2.246.010
steps:
  - id: post
    title: Register an organisation with a malformed OID
    do:
      fixture:
        method: POST
        path: /registry/organisations
        headers: { Content-Type: application/json }
        bodyFile: bad-org.json
        expectStatus: 400
    expect:
      checks:
        - { requirement: oid-syntax, path: error.code, equals: invalid-oid }
        - { path: error.path, equals: /oid }
        - { in: response, fhirpath: "error.message.contains('0')", equals: true }
`,
    );
    const r = await kantasimRun([file, '--sim', sim.url]);
    expect(r.out).toContain('✓ SHALL POST /registry/organisations (simulator)');
    expect(r.exitCode, r.out).toBe(0);
  });

  it('fails a fixture whose status is not the one expected, with the reason the simulator gave', async () => {
    const file = writeScenario(
      dir,
      'wrong-status.yaml',
      `id: wrong-status
title: Expecting a refusal that does not come
description: The request is valid, so the expected 400 does not come.
service: pta
steps:
  - id: get
    title: Read Kuusijärvi
    do:
      fixture: { path: /registry/organisations/1.2.246.10.3210987.10.0, expectStatus: [400, 422] }
`,
    );
    const r = await kantasimRun([file, '--sim', sim.url]);
    expect(r.exitCode).toBe(1);
    expect(r.out).toMatch(
      /expected HTTP 400 or 422 from GET http:\/\/127\.0\.0\.1:\d+\/registry\/organisations\/1\.2\.246\.10\.3210987\.10\.0, received 200/,
    );
  });

  it('runs a command step and checks its JSON output', async () => {
    const file = writeScenario(
      dir,
      'command.yaml',
      `id: command
title: A command step
description: Runs node and reads what it printed.
service: pta
steps:
  - id: run
    title: Print JSON
    do:
      command: 'node -e "process.stdout.write(JSON.stringify({ sim: process.env.KANTASIM_URL, n: 2 }))"'
    expect:
      checks:
        - { path: n, equals: 2 }
        - { path: sim, equals: '{{sim}}' }
`,
    );
    const r = await kantasimRun([file, '--sim', sim.url]);
    expect(r.out).toContain('PASSED');
    expect(r.exitCode).toBe(0);
  });
});

describe('manual mode', () => {
  function manualScenario(oid: string): string {
    return `id: manual-${oid.replaceAll('.', '-')}
title: A person registers the organisation
description: Done by hand in the vendor's user interface.
service: pta
vars:
  org: ${oid}
steps:
  - id: by-hand
    title: Register the organisation by hand
    do:
      instruction: |
        Open the code-server screen and register {{org}} as "Käsin Oy".
    expect:
      timeout: 5
      events:
        - { channel: registry, kind: organisation.register, organisation: '{{org}}' }
`;
  }

  it('shows the instruction, waits for the tester, then checks what they did', async () => {
    const oid = newOid();
    const file = writeScenario(dir, 'manual.yaml', manualScenario(oid));
    const input = new PassThrough();
    let acted = false;
    const r = await kantasimRun([file, '--sim', sim.url, '--manual'], {
      input,
      onOut: (s) => {
        if (acted || !s.includes('Press Enter when done')) return;
        acted = true;
        // The "person" does the step in their system, then presses Enter.
        void fetch(`${sim.url}/registry/organisations/${oid}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ oid, name: 'Käsin Oy', kind: 'organisation', public: false }),
        }).then(() => input.write('\n'));
      },
    });
    expect(r.out).toContain("│ Done by hand in the vendor's user interface.");
    expect(r.out).toContain(`│ Open the code-server screen and register ${oid} as "Käsin Oy".`);
    expect(r.exitCode).toBe(0);
  });

  it('in manual mode leaves out the hook of a step with an instruction: the tester does it', async () => {
    const oid = newOid();
    const text = registerScenario(oid)
      .replace(
        '    do:\n      sut:',
        '    do:\n      instruction: Register {{org}} in the code server.\n      sut:',
      )
      .replace(/ {6}checks:\n {8}- id: hook-answer[\s\S]*?contains: '\{\{name\}\}'\n/, '')
      .replace(/ {4}save:\n[\s\S]*?source: .*\n/, '')
      .replace(/ {2}- id: verify[\s\S]*$/, '');
    const file = writeScenario(dir, 'manual-hook.yaml', text);
    const input = new PassThrough();
    const r = await kantasimRun([file, '--sim', sim.url, '--sut', sut.url, '--manual'], {
      input,
      onOut: (s) => {
        if (!s.includes('Press Enter when done')) return;
        void fetch(`${sim.url}/registry/organisations/${oid}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ oid, name: 'Käsin Oy', kind: 'organisation', public: false }),
        }).then(() => input.write('\n'));
      },
    });
    expect(r.out).toContain('done by the tester (manual)');
    expect(r.exitCode, r.out).toBe(0);
    expect(sut.calls.some((c) => c.includes(oid))).toBe(false);
  });

  it('fails the step with the tester’s words when they answer that it could not be done', async () => {
    const file = writeScenario(dir, 'manual-fail.yaml', manualScenario(newOid()));
    const input = new PassThrough();
    input.write('fail the screen would not open\n');
    const r = await kantasimRun([file, '--sim', sim.url, '--manual'], { input });
    expect(r.exitCode).toBe(1);
    expect(r.out).toContain(
      'expected the tester to confirm the step was done, received "could not be done": "the screen would not open"',
    );
  });

  it('without --manual, a step only a person can do is an error that says how to run it', async () => {
    const file = writeScenario(dir, 'manual-missing.yaml', manualScenario(newOid()));
    const r = await kantasimRun([file, '--sim', sim.url]);
    expect(r.exitCode).toBe(1);
    expect(r.out).toContain('run with --manual, or give the step a sut hook');
  });
});

describe('levels, reports and exit codes', () => {
  const levelScenario = (title: string): string => `id: levels
title: ${JSON.stringify(title)}
description: One SHALL check that passes, one SHOULD check that fails.
service: pta
organisation: 1.2.246.10.3210987.10.0
steps:
  - id: read
    title: Read the readiness of Kuusijärvi
    do:
      fixture: { path: /registry/readiness/1.2.246.10.3210987.10.0 }
    expect:
      checks:
        - { id: ready, requirement: seed-003, path: ready, equals: true, checklist: register }
        - { id: wishful, requirement: seed-999, level: should, path: name, equals: Somewhere else }
`;

  it('skips SHOULD checks with --level shall and exits 0; runs them with --level should and exits 1', async () => {
    const file = writeScenario(dir, 'levels.yaml', levelScenario('Levels'));
    const shall = await kantasimRun([file, '--sim', sim.url, '--level', 'shall']);
    expect(shall.exitCode).toBe(0);
    expect(shall.out).toContain('not selected (level shall)');
    const should = await kantasimRun([file, '--sim', sim.url, '--level', 'should']);
    expect(should.exitCode).toBe(1);
    expect(should.out).toContain(
      'expected name = "Somewhere else", received "Kuusijärven hyvinvointialue" (requirement seed-999)',
    );
  });

  it('writes JUnit XML with testsuite, testcase, failure and skipped elements', async () => {
    const file = writeScenario(dir, 'junit.yaml', levelScenario('JUnit & <friends>'));
    const junit = join(dir, 'out', 'junit.xml');
    const r = await kantasimRun([file, '--sim', sim.url, '--junit', junit]);
    expect(r.exitCode).toBe(1);
    const errors: string[] = [];
    const doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') errors.push(msg);
      },
    }).parseFromString(readFileSync(junit, 'utf8'), 'text/xml');
    expect(errors).toEqual([]);
    const root = doc.documentElement!;
    expect(root.tagName).toBe('testsuites');
    expect(root.getAttribute('tests')).toBe('3');
    expect(root.getAttribute('failures')).toBe('1');
    const suites = root.getElementsByTagName('testsuite');
    expect(suites.length).toBe(1);
    expect(suites[0]!.getAttribute('name')).toBe('levels');
    expect(suites[0]!.getAttribute('failures')).toBe('1');
    expect(suites[0]!.getAttribute('errors')).toBe('0');
    const cases = Array.from(suites[0]!.getElementsByTagName('testcase'));
    expect(cases.map((c) => c.getAttribute('classname'))).toEqual([
      'levels.read',
      'levels.read',
      'levels.read',
    ]);
    const failing = cases.find((c) => c.getElementsByTagName('failure').length > 0)!;
    expect(failing.getAttribute('name')).toContain('[seed-999] (SHOULD)');
    expect(failing.getElementsByTagName('failure')[0]!.getAttribute('message')).toContain(
      '(requirement seed-999)',
    );
    expect(doc.getElementsByTagName('system-out')[0]!.textContent).toContain('JUnit & <friends>');

    const shall = await kantasimRun([file, '--sim', sim.url, '--level', 'shall', '--junit', junit]);
    expect(shall.exitCode).toBe(0);
    const again = new DOMParser().parseFromString(readFileSync(junit, 'utf8'), 'text/xml');
    expect(again.getElementsByTagName('skipped').length).toBe(1);
    expect(again.getElementsByTagName('failure').length).toBe(0);
  });

  it('writes the JSON report and an HTML report that escapes what it shows and names the system', async () => {
    const file = writeScenario(dir, 'html.yaml', levelScenario('<script>alert(1)</script> & more'));
    const html = join(dir, 'report.html');
    const json = join(dir, 'report.json');
    const csv = join(dir, 'report.csv');
    await kantasimRun([file, '--sim', sim.url, '--report', html, '--json', json, '--csv', csv]);
    expect(readFileSync(csv, 'utf8').split('\r\n')[3]).toMatch(
      /^levels,read,read\.wishful,.*,should,seed-999,,fail,/,
    );
    const page = readFileSync(html, 'utf8');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(page).toContain('Kuusijärven hyvinvointialue');
    expect(page).toContain('Terveystieto Oy Potilas360 <strong>4.2</strong>');
    expect(page).toContain("Archivist's checklist");
    expect(page).toContain('@media print');
    const run = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    expect(run).toMatchObject({
      tool: 'kantasim',
      formatVersion: 1,
      passed: false,
      totals: { pass: 2, fail: 1 },
    });
    expect(run.scenarios[0]!.organisation).toMatchObject({
      oid: '1.2.246.10.3210987.10.0',
      system: { product: 'Potilas360', version: '4.2' },
      registerControllers: [{ oid: '1.2.246.10.3210987.19.0' }],
    });
  });

  it('exits 2 and lists line-numbered problems when a scenario file is invalid', async () => {
    const file = writeScenario(
      dir,
      'bad.yaml',
      levelScenario('Bad').replace('service: pta', 'service: pta\nlevell: shall'),
    );
    const r = await kantasimRun([file, '--sim', sim.url]);
    expect(r.exitCode).toBe(2);
    expect(r.err).toContain(`${file}:5:1: levell: unknown field 'levell'; did you mean 'level'?`);
    expect(r.out).toBe('');
  });

  it('exits 2 when the simulator cannot be reached', async () => {
    const file = writeScenario(dir, 'unreachable.yaml', levelScenario('Unreachable'));
    const r = await kantasimRun([file, '--sim', 'http://127.0.0.1:1']);
    expect(r.exitCode).toBe(2);
    expect(r.err).toMatch(/cannot reach the simulator at http:\/\/127\.0\.0\.1:1\/healthz/);
  });

  it('exits 2 when a path names no scenario', async () => {
    const r = await kantasimRun([join(dir, 'nothing-here'), '--sim', sim.url]);
    expect(r.exitCode).toBe(2);
    expect(r.err).toContain('no such file or folder');
  });
});
