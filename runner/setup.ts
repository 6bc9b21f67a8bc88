/**
 * A scenario's setup: the registry state it needs and its test persons, through the /registry API.
 */
import { errorSummary, TransportError, type HttpResponse } from './http.ts';
import { expected } from './messages.ts';
import { render } from './template.ts';
import type { CheckResult, Scenario, StepResult, TestPersonRecord } from './types.ts';
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
      expected(`HTTP ${okStatus.join(' or ')} from ${method} ${path}`, `${res.status}: ${errorSummary(res)}`),
    );
  return res;
}

/** Registers the registry state the scenario needs and issues its test persons. */
export async function runSetup(state: ScenarioState): Promise<StepResult> {
  const started = Date.now();
  const checks: CheckResult[] = [];
  const setup = state.scenario.setup ?? {};
  const report = (c: CheckResult): void => {
    checks.push(c);
    state.options.listener?.checkFinished?.(c);
  };
  const act = async (title: string, fn: () => Promise<unknown>): Promise<boolean> => {
    const base = baseResult(state, {}, `setup.${checks.length + 1}`, title, 'action');
    try {
      await fn();
      report({ ...base, verdict: 'pass' });
      return true;
    } catch (e) {
      report({ ...base, verdict: 'error', message: errorText(e) });
      return false;
    }
  };
  const all = async (): Promise<void> => {
    for (const [i, raw] of (setup.organisations ?? []).entries()) {
      const org = render(raw, state.vars, `setup.organisations[${i}]`) as { oid: string };
      if (
        !(await act(`register organisation ${org.oid}`, () =>
          registryCall(state, 'PUT', `/registry/organisations/${org.oid}`, org, [200, 201]),
        ))
      )
        return;
    }
    for (const [i, raw] of (setup.systems ?? []).entries()) {
      const system = render(raw, state.vars, `setup.systems[${i}]`) as { id: string };
      // 409: already registered (systems are immutable in the registry); the scenario uses it as it is.
      if (
        !(await act(`register certified system ${system.id}`, () =>
          registryCall(state, 'POST', '/registry/systems', system, [201, 409]),
        ))
      )
        return;
    }
    for (const [i, raw] of (setup.customers ?? []).entries()) {
      const { orgOid, ...customer } = render(raw, state.vars, `setup.customers[${i}]`) as { orgOid: string };
      if (
        !(await act(`customer data of ${orgOid}`, () =>
          registryCall(state, 'PUT', `/registry/customers/${orgOid}`, customer, [200, 201]),
        ))
      )
        return;
    }
    for (const [i, raw] of (setup.testPersons ?? []).entries()) {
      const req = render({ ...raw, count: raw.count ?? 1 }, state.vars, `setup.testPersons[${i}]`) as {
        as: string;
        vendor: string;
        customer: string;
        service: string;
        count: number;
      };
      const ok = await act(
        `issue ${req.count} test person(s) to ${req.vendor} for ${req.service} as ${req.as}`,
        async () => {
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
      );
      if (!ok) return;
    }
  };
  try {
    await all();
  } catch (e) {
    checks.push({
      ...baseResult(state, {}, `setup.${checks.length + 1}`, 'prepare setup', 'action'),
      verdict: 'error',
      message: errorText(e),
    });
  }
  const verdict = worst(checks.map((c) => c.verdict));
  const bad = checks.find((c) => c.verdict === 'error');
  const r: StepResult = {
    id: 'setup',
    title: 'Registry state and test persons',
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
