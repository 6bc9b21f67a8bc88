/**
 * A step's `do`: a person's instruction (with `--manual`), a call to the system under test's automation
 * hook, a command, or a fixture the runner sends to the simulator itself.
 *
 * Extension point for the reference vendor system: a hook is any HTTP endpoint under `--sut`; the step
 * says method, path and body, and the hook answers 2xx (or `expectStatus`) when it has done the thing.
 * Its JSON answer is the step's `response`, readable by checks and saves (e.g. the source-system values).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errorSummary, send, TransportError, type HttpResponse, type SimulatorClient } from './http.ts';
import { expected, show } from './messages.ts';
import type { Prompter } from './prompt.ts';
import { render, renderText, type Vars } from './template.ts';
import type { Action, CommandCall, HttpCall } from './types.ts';
import { words } from './wording.ts';

/** The outcome of the `do` part: the response (if any), and a failure in words (if any). */
export interface ActionOutcome {
  /** What was done, for the report: "POST /hook/book (system under test)". */
  label: string;
  response?: HttpResponse;
  failure?: string;
  /** True when nothing was done (manual step in manual mode skipped by design is still "done"). */
  skipped?: boolean;
}

export interface ActionContext {
  sim: SimulatorClient;
  sut?: string;
  vars: Vars;
  scenarioFile: string;
  where: string;
  timeoutMs: number;
  manual: boolean;
  prompter?: Prompter;
  stepTitle: string;
}

/** Renders an HTTP call's templates and reads its body file. */
function prepare(
  call: HttpCall,
  ctx: ActionContext,
  where: string,
): { method: string; path: string; headers: Record<string, string>; body?: unknown } {
  const method = call.method ?? (call.body !== undefined || call.bodyFile !== undefined ? 'POST' : 'GET');
  const path = renderText(call.path, ctx.vars, `${where}.path`);
  const headers = (render(call.headers ?? {}, ctx.vars, `${where}.headers`) ?? {}) as Record<string, string>;
  let body: unknown;
  if (call.bodyFile !== undefined) {
    const file = resolve(dirname(ctx.scenarioFile), renderText(call.bodyFile, ctx.vars, `${where}.bodyFile`));
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new TransportError(`cannot read bodyFile ${file}: ${(e as Error).message}`);
    }
    body = renderText(text, ctx.vars, `${where}.bodyFile (${file})`);
  } else if (call.body !== undefined) {
    body = render(call.body, ctx.vars, `${where}.body`);
  }
  return body === undefined ? { method, path, headers } : { method, path, headers, body };
}

function statusFailure(call: HttpCall, res: HttpResponse, requirement?: string): string | undefined {
  const allowed = call.expectStatus === undefined ? undefined : [call.expectStatus].flat();
  const ok = allowed === undefined ? res.status >= 200 && res.status <= 299 : allowed.includes(res.status);
  if (ok) return undefined;
  const statuses = allowed === undefined ? '2xx' : allowed.join(words('message.or'));
  const why = res.status >= 400 || allowed !== undefined ? `: ${errorSummary(res)}` : '';
  return expected(
    words('message.httpFrom', { statuses, method: res.method, url: res.url }),
    `${res.status}${why}`,
    requirement,
  );
}

async function httpAction(
  call: HttpCall,
  base: string,
  who: string,
  ctx: ActionContext,
  where: string,
): Promise<ActionOutcome> {
  const req = prepare(call, ctx, where);
  const label = words('action.call', {
    method: req.method,
    path: req.path,
    who: words(who === 'simulator' ? 'action.simulator' : 'action.theSut'),
  });
  const res = await send(base, req, ctx.timeoutMs, who);
  const failure = statusFailure(call, res);
  return failure === undefined ? { label, response: res } : { label, response: res, failure };
}

function runCommand(
  command: string | CommandCall,
  ctx: ActionContext,
  where: string,
): Promise<ActionOutcome> {
  const spec: CommandCall = typeof command === 'string' ? { run: command } : command;
  const run = renderText(spec.run, ctx.vars, `${where}.run`);
  const cwd = resolve(dirname(ctx.scenarioFile), spec.cwd ?? '.');
  const env = {
    ...process.env,
    KANTASIM_URL: ctx.sim.baseUrl,
    ...(ctx.sut !== undefined && { KANTASIM_SUT_URL: ctx.sut }),
    ...((render(spec.env ?? {}, ctx.vars, `${where}.env`) ?? {}) as Record<string, string>),
  };
  const label = `$ ${run}`;
  // Commands may build or start things; give them at least a minute whatever the event timeout is.
  const limitMs = Math.max(ctx.timeoutMs, 60_000);
  return new Promise((done) => {
    const child = spawn(run, { shell: true, cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGTERM'), limitMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ label, failure: `expected the command to start, received ${e.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let body: unknown = stdout;
      try {
        body = JSON.parse(stdout) as unknown;
      } catch {
        // Plain text output stays text.
      }
      const response: HttpResponse = {
        url: `command:${run}`,
        method: 'RUN',
        status: code ?? -1,
        headers: {},
        contentType: typeof body === 'string' ? 'text/plain' : 'application/json',
        body,
        text: stdout,
      };
      if (code === 0) {
        done({ label, response });
        return;
      }
      const why = signal !== null ? `killed by ${signal}` : `exit code ${String(code)}`;
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      done({ label, response, failure: expected('exit code 0', `${why}${tail !== '' ? `: ${tail}` : ''}`) });
    });
  });
}

/** Performs a step's `do`. Throws TemplateError / TransportError for the engine to report as errors. */
export async function perform(action: Action, ctx: ActionContext): Promise<ActionOutcome> {
  const where = `${ctx.where}.do`;
  let personDid = false;
  if (action.instruction !== undefined && ctx.manual) {
    if (!ctx.prompter) throw new Error('manual mode needs a prompter');
    const answer = await ctx.prompter.ask(
      renderText(action.instruction, ctx.vars, `${where}.instruction`),
      ctx.stepTitle,
    );
    if (!answer.done)
      return {
        label: words('action.manual'),
        failure: expected(
          'the tester to confirm the step was done',
          `"could not be done"${answer.note !== undefined ? `: ${show(answer.note)}` : ''}`,
        ),
      };
    personDid = true;
  }
  if (action.fixture !== undefined)
    return httpAction(action.fixture, ctx.sim.baseUrl, 'simulator', ctx, `${where}.fixture`);
  if (action.command !== undefined) return runCommand(action.command, ctx, `${where}.command`);
  if (action.sut !== undefined) {
    // In manual mode the person did in their system what the hook would have done.
    if (personDid) return { label: words('action.doneByTester') };
    if (ctx.sut === undefined)
      return {
        label: words('action.call', {
          method: action.sut.method ?? 'POST',
          path: action.sut.path,
          who: words('action.sut'),
        }),
        failure:
          'expected a system under test to call, received no --sut URL; give --sut URL, or run with --manual and do the step by hand',
      };
    return httpAction(
      { method: 'POST', ...action.sut },
      ctx.sut,
      'the system under test',
      ctx,
      `${where}.sut`,
    );
  }
  if (personDid) return { label: words('action.doneByTester') };
  return {
    label: words('action.manual'),
    failure:
      'expected someone to do this step, received no automation and no --manual; run with --manual, or give the step a sut hook',
  };
}
