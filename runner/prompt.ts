/**
 * Manual mode: a person reads the instruction, does it in their system, and answers.
 * The answer stream is injectable, so tests answer for the person.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface ManualAnswer {
  done: boolean;
  /** What the person said when it could not be done. */
  note?: string;
}

export interface Prompter {
  ask(instruction: string, stepTitle: string): Promise<ManualAnswer>;
  close(): void;
}

/** Reads answers line by line: Enter or "y" = done; "n", "no" or "fail …" = could not be done. */
export function linePrompter(input: Readable, write: (s: string) => void): Prompter {
  let rl: Interface | undefined;
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  const ensure = (): void => {
    if (rl) return;
    rl = createInterface({ input, terminal: false });
    rl.on('line', (line) => {
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    });
    rl.on('close', () => {
      ended = true;
      for (const w of waiting.splice(0)) w(undefined);
    });
  };
  const nextLine = (): Promise<string | undefined> => {
    ensure();
    const queued = lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (ended) return Promise.resolve(undefined);
    return new Promise((resolve) => waiting.push(resolve));
  };
  return {
    async ask(instruction, stepTitle) {
      write(`\n  ┌ MANUAL STEP: ${stepTitle}\n`);
      for (const line of instruction.trimEnd().split('\n')) write(`  │ ${line}\n`);
      write('  └ Press Enter when done, or type "fail <reason>" if it could not be done: ');
      const line = await nextLine();
      write('\n');
      if (line === undefined) return { done: false, note: 'no answer: the input ended' };
      const answer = line.trim();
      const failed = /^(n|no|f|fail)\b/i.exec(answer);
      if (failed) {
        const note = answer.slice(failed[0].length).trim();
        return note === '' ? { done: false } : { done: false, note };
      }
      return { done: true };
    },
    close() {
      rl?.close();
    },
  };
}
