/** Dates and names as a mail program shows them, in the UI's language. */
import type { Address } from '../../shared/types.js';

/** Today: the time; this year: day and month; before: the short date. */
export function formatListDate(iso: string | null, language: string, now = new Date()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === now.toDateString();
  if (sameDay) return new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(date);
  if (date.getFullYear() === now.getFullYear())
    return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' }).format(date);
  return new Intl.DateTimeFormat(language, { dateStyle: 'short' }).format(date);
}

export function formatFullDate(iso: string | null, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' }).format(date);
}

/** "1er octobre 2026", "October 1, 2026". */
export function formatDay(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat(language, { dateStyle: 'long' }).formatToParts(date);
  // French writes the first of the month as an ordinal; Intl gives the plain number.
  const french = language.toLowerCase().startsWith('fr');
  return parts
    .map((p) => (french && p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');
}

/** "Name <address>", or the address alone when there is no name. */
export function formatAddress(address: Address): string {
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

/**
 * "il y a 2 min", "2 minutes ago", "hier": how long ago, for a last-sync line.
 * Under a minute it returns null (the caller says "just now" in its own words).
 */
export function formatSince(iso: string, language: string, now = Date.now()): string | null {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return null;
  const minutes = Math.floor(Math.max(0, now - then) / 60_000);
  if (minutes < 1) return null;
  // French reads well short ("il y a 2 min"); English short would be "2 min. ago".
  const format = new Intl.RelativeTimeFormat(language, {
    numeric: 'auto',
    style: language === 'fr' ? 'short' : 'long',
  });
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return format.format(-hours, 'hour');
  return format.format(-Math.floor(hours / 24), 'day');
}

/** "12 secondes", "3 minutes", "2 hours": a time left, rounded to the unit that reads well. */
export function formatDuration(seconds: number, language: string): string {
  const [value, unit] =
    seconds < 90
      ? [Math.max(1, Math.round(seconds)), 'second']
      : seconds < 90 * 60
        ? [Math.round(seconds / 60), 'minute']
        : [Math.round(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(
    value,
  );
}
