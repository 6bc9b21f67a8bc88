/**
 * Calendar days relative to the day a scenario runs, for scenarios that register dates (a planned
 * start, a connection point's announcement): `{{day[7]}}` is seven Helsinki days after today,
 * `{{dayBefore[30]}}` thirty days before, `{{day[0]}}` today. Fixed dates in a shipped scenario would
 * fall into the past and change its verdict; relative ones keep it valid whenever it runs.
 */

/** How far ahead or back the lists reach (one year covers every notice period Kanta names). */
const SPAN = 366;

function isoDay(base: string, offset: number): string {
  const d = new Date(`${base}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** The template variables `day` and `dayBefore`, as YYYY-MM-DD strings counted from today in Helsinki. */
export function dayVars(now: Date = new Date()): { day: string[]; dayBefore: string[] } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(now);
  const day: string[] = [];
  const dayBefore: string[] = [];
  for (let i = 0; i <= SPAN; i += 1) {
    day.push(isoDay(today, i));
    dayBefore.push(isoDay(today, -i));
  }
  return { day, dayBefore };
}
