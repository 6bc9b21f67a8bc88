/**
 * A scenario's setup: the registry state it needs and its test persons, through the /registry API.
 */
import { errorSummary, TransportError, type HttpResponse } from './http.ts';
import { expected } from './messages.ts';
import { render, renderKnown, stableText } from './template.ts';
import type { CheckResult, Scenario, StepResult, TestPersonRecord } from './types.ts';
import { words, wordsEn, type Wording } from './wording.ts';
import { baseResult, errorText, worst, type ScenarioState } from './state.ts';

/** One call to /registry that must answer with one of `okStatus`. */
export async function registryCall(
  state: ScenarioState,
  method: string,
  path: string,
  body: unknown,
  okStatus: number[],
): Promise<HttpResponse> {
  const res = await state.sim.send({ method, path, body });
  if (!okStatus.includes(res.status))
    throw new TransportError(
      expected(
        words('message.httpFrom', { statuses: okStatus.join(words('message.or')), method, url: path }),
        `${res.status}: ${errorSummary(res)}`,
      ),
    );
  return res;
}

/** One call the setup makes, named from the scenario's text so the name is the same in every run. */
interface SetupItem {
  /** The title as the scenario gives it, with its placeholders: a runner message and its arguments. */
  template: Wording;
  run(): Promise<void>;
}

/** The setup's calls in order: organisations, systems, customers, test persons. */
function setupPlan(state: ScenarioState): SetupItem[] {
  const setup = state.scenario.setup ?? {};
  const items: SetupItem[] = [];
  (setup.organisations ?? []).forEach((raw, i) =>
    items.push({
      template: ['setup.organisation', { oid: String(raw.oid) }],
      run: async () => {
        const org = render(raw, state.vars, `setup.organisations[${i}]`) as { oid: string };
        await registryCall(state, 'PUT', `/registry/organisations/${org.oid}`, org, [200, 201]);
      },
    }),
  );
  (setup.systems ?? []).forEach((raw, i) =>
    items.push({
      template: ['setup.system', { id: String(raw.id) }],
      run: async () => {
        const system = render(raw, state.vars, `setup.systems[${i}]`) as { id: string };
        // 409: already registered (systems are immutable in the registry); the scenario uses it as it is.
        await registryCall(state, 'POST', '/registry/systems', system, [201, 409]);
      },
    }),
  );
  (setup.customers ?? []).forEach((raw, i) =>
    items.push({
      template: ['setup.customer', { oid: raw.orgOid }],
      run: async () => {
        const { orgOid, ...customer } = render(raw, state.vars, `setup.customers[${i}]`) as {
          orgOid: string;
        };
        await registryCall(state, 'PUT', `/registry/customers/${orgOid}`, customer, [200, 201]);
      },
    }),
  );
  (setup.testPersons ?? []).forEach((raw, i) =>
    items.push({
      template: [
        'setup.testPersons',
        { count: raw.count ?? 1, vendor: raw.vendor, service: raw.service, as: raw.as },
      ],
      run: async () => {
        const req = render({ ...raw, count: raw.count ?? 1 }, state.vars, `setup.testPersons[${i}]`) as {
          as: string;
          vendor: string;
          customer: string;
          service: string;
          count: number;
        };
        const { as, ...body } = req;
        const res = await registryCall(state, 'POST', '/registry/test-persons/issue', body, [201]);
        const issued = (res.body as { issued: { hetu: string; name?: string }[] }).issued;
        state.vars[as] = req.count === 1 ? issued[0] : issued;
        issued.forEach((p, k) => {
          const rec: TestPersonRecord = {
            hetu: p.hetu,
            variable: req.count === 1 ? as : `${as}[${k}]`,
            service: req.service,
          };
          if (p.name !== undefined) rec.name = p.name;
          state.persons.set(p.hetu, rec);
        });
      },
    }),
  );
  return items;
}

/** A setup call's result fields: the stable name, and the title with what is known filled in. */
function setupBase(state: ScenarioState, i: number, item: SetupItem): Omit<CheckResult, 'verdict'> {
  return {
    ...baseResult(state, {}, `setup.${i + 1}`, renderKnown(words(...item.template), state.vars), 'action'),
    name: stableText(wordsEn(...item.template)),
  };
}

/** The setup's results when it is not run at all (the scenario's variables could not be rendered). */
export function skippedSetup(state: ScenarioState, why: string): StepResult {
  return {
    id: 'setup',
    title: words('setup.title'),
    verdict: 'skip',
    message: why,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    checks: setupPlan(state).map((item, i) => ({
      ...setupBase(state, i, item),
      verdict: 'skip',
      message: why,
    })),
  };
}

/**
 * Registers the registry state the scenario needs and issues its test persons. After a call fails the
 * rest are reported as skipped, so the setup has the same checks in every run.
 */
export async function runSetup(state: ScenarioState): Promise<StepResult> {
  const started = Date.now();
  const checks: CheckResult[] = [];
  const report = (c: CheckResult): void => {
    checks.push(c);
    state.options.listener?.checkFinished?.(c);
  };
  let failed: string | undefined;
  for (const [i, item] of setupPlan(state).entries()) {
    const base = setupBase(state, i, item);
    if (failed !== undefined) {
      report({ ...base, verdict: 'skip', message: words('skip.failed', { what: failed }) });
      continue;
    }
    try {
      await item.run();
      report({ ...base, verdict: 'pass' });
    } catch (e) {
      report({ ...base, verdict: 'error', message: errorText(e) });
      failed = base.title;
    }
  }
  const verdict = worst(checks.map((c) => c.verdict));
  const bad = checks.find((c) => c.verdict === 'error');
  const r: StepResult = {
    id: 'setup',
    title: words('setup.title'),
    verdict,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks,
  };
  if (bad?.message !== undefined) r.message = `${bad.title}: ${bad.message}`;
  return r;
}

/** True when the scenario's setup asks for anything. */
export function hasSetup(s: Scenario): boolean {
  const setup = s.setup;
  return setup !== undefined && Object.values(setup).some((list) => Array.isArray(list) && list.length > 0);
}
