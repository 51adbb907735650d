/** Dates as the store keeps them: ISO 8601 UTC strings, made without Date where it costs. */

/**
 * Date.prototype.toISOString for whole seconds in years 1000-9999, by hand
 * (civil-from-days, H. Hinnant): toISOString alone was most of a scan's date cost.
 */
export function isoUtc(t: number): string {
  const days = Math.floor(t / 86_400_000);
  let rest = t - days * 86_400_000;
  if (rest % 1000 !== 0) return new Date(t).toISOString();
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  const seconds = (rest - minutes * 60_000) / 1000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) return new Date(t).toISOString();
  return `${year}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}.000Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

/**
 * "02-Nov-2026 10:00:00 +0100" → ISO 8601 UTC. Read by position (the format
 * is fixed by RFC 3501; the day may be space-padded): a regex and a Date per
 * message cost a scan about 4 µs each.
 */
export function parseInternalDate(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.charCodeAt(0) === 32 ? v.slice(1) : v;
  const twoDigitDay = s.length === 26;
  if (!twoDigitDay && s.length !== 25) return null;
  const d = twoDigitDay ? 0 : -1;
  const day = twoDigitDay ? digits(s, 0, 2) : digits(s, 0, 1);
  const month = MONTHS.indexOf(s.slice(3 + d, 6 + d).toLowerCase());
  const sign = s.charCodeAt(21 + d);
  if (
    s.charCodeAt(2 + d) !== 45 ||
    s.charCodeAt(6 + d) !== 45 ||
    s.charCodeAt(11 + d) !== 32 ||
    s.charCodeAt(14 + d) !== 58 ||
    s.charCodeAt(17 + d) !== 58 ||
    s.charCodeAt(20 + d) !== 32 ||
    (sign !== 43 && sign !== 45) ||
    month < 0 ||
    month % 3 !== 0
  )
    return null;
  const offsetMinutes =
    (sign === 45 ? -1 : 1) * (digits(s, 22 + d, 24 + d) * 60 + digits(s, 24 + d, 26 + d));
  const t =
    Date.UTC(
      digits(s, 7 + d, 11 + d),
      month / 3,
      day,
      digits(s, 12 + d, 14 + d),
      digits(s, 15 + d, 17 + d),
      digits(s, 18 + d, 20 + d),
    ) -
    offsetMinutes * 60_000;
  return Number.isFinite(t) ? isoUtc(t) : null;
}

/** The decimal number in s[from, to); NaN if any character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
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
    return Number.isFinite(t) ? isoUtc(t) : null;
  }
  const time = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}
