// The dates the query language and page history accept: ISO 8601 calendar dates, optionally with a
// time and a zone. A date without a zone is UTC, so a build gives the same answer on every machine.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** `2024-03-01` → midnight UTC; `2024-03-01T12:30:00+02:00` → that instant; anything else → undefined. */
export function parseIsoDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((s) =>
    s === undefined ? undefined : Number(s),
  ) as [number, number, number, number?, number?, number?];
  const millis = m[7] === undefined ? 0 : Math.floor(Number(m[7]) * 1000);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  // 2024-02-30 would roll over to March; a date that does not exist is not a date.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  let offset = 0;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (hours > 23 || minutes > 59) return undefined;
    offset = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
  return new Date(date.getTime() - offset);
}

/** A date as ISO text: `2024-03-01` at midnight UTC, the full instant otherwise. */
export function formatIsoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
