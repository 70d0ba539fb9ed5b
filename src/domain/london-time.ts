const LONDON_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The wall-clock time in England of an instant, as HH:MM. */
export const londonClockTime = (at: Date) => LONDON_CLOCK.format(at);

/**
 * The wall-clock time in England as HH:MM, rounded up to the next whole minute, so "try again
 * after 10:06" is never earlier than the moment it names.
 */
export function formatLondonClock(at: Date): string {
  const minute = 60 * 1000;
  return LONDON_CLOCK.format(new Date(Math.ceil(at.getTime() / minute) * minute));
}
