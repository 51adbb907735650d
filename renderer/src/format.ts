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

export function formatDay(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date);
}

/** "Name <address>", or the address alone when there is no name. */
export function formatAddress(address: Address): string {
  return address.name ? `${address.name} <${address.address}>` : address.address;
}
