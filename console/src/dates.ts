/** A calendar day in the browser's own time zone, as the API writes days (2026-03-10), `days` from today. */
export function localDay(days = 0): string {
  const day = new Date();
  day.setDate(day.getDate() + days);
  return dayOf(day);
}

/** The API days from `first` days from today to `last`, in order. */
export function localDays(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, index) => localDay(first + index));
}

/**
 * An API day (2026-03-10) as people of the locale write it, with their digits, in full or as a short day and month;
 * the day itself, in no time zone.
 */
export function formatDay(day: string, locale: string, short = false): string {
  const date = new Date(`${day}T00:00:00Z`);
  const style: Intl.DateTimeFormatOptions = short ? { day: 'numeric', month: 'short' } : { dateStyle: 'medium' };
  return Number.isNaN(date.getTime()) ? day
    : new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' }).format(date);
}

/** The API day a moment falls on in the browser's time zone. */
export function dayOf(moment: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${moment.getFullYear()}-${two(moment.getMonth() + 1)}-${two(moment.getDate())}`;
}
