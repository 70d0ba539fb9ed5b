/** Today's date in England, as the date input's day, month and year and as the app prints it. */
const LONDON = 'Europe/London';

export function londonToday(now = new Date()): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: get('day'), month: get('month'), year: get('year') };
}

/** Like "21 November 2026", the app's `ukDate`. */
export function ukLongDate(now = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' }).format(now);
}
