/** Dates as the store keeps them: ISO 8601 UTC strings. */

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

/** RFC 3501's date-time, "02-Nov-2026 10:00:00 +0100" (the day may be space-padded). */
const INTERNAL_DATE =
  /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** An IMAP INTERNALDATE as ISO 8601 UTC, or null. */
export function parseInternalDate(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = INTERNAL_DATE.exec(v);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (!m || month < 0 || month % 3 !== 0) return null;
  const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  const t =
    Date.UTC(Number(m[3]), month / 3, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) -
    offset * 60_000;
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** "Mon, 2 Mar 2026 10:00:00 +0100 (CET)": RFC 5322's form, which nearly every sender writes. */
const RFC5322 =
  /^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-])(\d{2})(\d{2})\s*(?:\([^()]*\)\s*)?$/;

/**
 * A Date header as ISO 8601 UTC, or null. RFC 5322's own form is read by one
 * pattern; anything else (obsolete zones, two-digit years...) goes through
 * Date.parse, as before.
 */
export function parseMessageDate(value: string | undefined): string | null {
  if (!value) return null;
  const m = RFC5322.exec(value);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (m && month >= 0 && month % 3 === 0) {
    const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
    const t =
      Date.UTC(
        Number(m[3]),
        month / 3,
        Number(m[1]),
        Number(m[4]),
        Number(m[5]),
        Number(m[6] ?? 0),
      ) -
      offset * 60_000;
    return Number.isFinite(t) ? new Date(t).toISOString() : null;
  }
  const time = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}
