/**
 * Rules of the governance fields (lib/estate/governance-schema.ts) that need more than a
 * field's own shape: calendar dates, expiry against today, and what an exemption names.
 */

/** `YYYY-MM-DD` that is a real calendar day; returns the UTC midnight time or undefined. */
export function calendarDay(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? time : undefined;
}

/** Today as UTC midnight; tests may pin it with CSA_TODAY=YYYY-MM-DD. */
export function today(): number {
  const pinned = process.env.CSA_TODAY;
  const pinnedDay = pinned ? calendarDay(pinned) : undefined;
  if (pinnedDay !== undefined) return pinnedDay;
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** Why an exemption's `expiresOn` is unacceptable, or undefined. Exemptions expire at the end of their day (UTC). */
export function expiryProblem(value: string, now = today()): string | undefined {
  const day = calendarDay(value);
  if (day === undefined) return 'must be a calendar date YYYY-MM-DD, e.g. 2026-12-31';
  if (day < now)
    return `has passed (today is ${new Date(now).toISOString().slice(0, 10)}); an expired exemption exempts nothing: remove it or renew it with a new date and reason`;
  const fiveYears = 5 * 366 * 24 * 3600 * 1000;
  if (day - now > fiveYears) return 'is more than 5 years away; exemptions are temporary, choose a date within 5 years';
  return undefined;
}
