/**
 * The words the runner writes itself, in the run's language: setup and action titles, automatic check
 * and event titles, the "answer" evidence, the frame of failure messages and why a check did not run.
 * Messages live in common/i18n/locales/<lang>/runner.json like every other text kantasim shows.
 *
 * Process-wide, like the `Accept-Language` the runner sends (runner/http.ts): one `kantasim run` has one
 * language, which `kantasim run --lang` sets. A check's stable name (its JUnit test name) is always
 * worded in English (`wordsEn`), so CI follows the same test whatever language the report is in.
 */
import { format, type Lang, type MessageArgs } from '../common/i18n/index.ts';

let runLanguage: Lang = 'en';

/** Sets the language the runner words its results in (default English). */
export function setRunLanguage(lang: Lang): void {
  runLanguage = lang;
}

export function runLang(): Lang {
  return runLanguage;
}

/** A runner message in the run's language. */
export function words(key: string, args?: MessageArgs): string {
  return format(runLanguage, 'runner', key, args);
}

/** A runner message in English: for stable names, identical in every language. */
export function wordsEn(key: string, args?: MessageArgs): string {
  return format('en', 'runner', key, args);
}

/** A runner message in a given language. */
export function wordsIn(lang: Lang, key: string, args?: MessageArgs): string {
  return format(lang, 'runner', key, args);
}

/** A runner message not yet worded: its key and arguments, for titles worded twice (run's language, English). */
export type Wording = [key: string, args?: MessageArgs];
