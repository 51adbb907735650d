/**
 * Names for the files the core hands to the user: readable (a date and who
 * sent it, accents kept) and safe on every system the file may be copied to.
 */
import type { Address } from '../../shared/types.js';

/** Longest sender part of a name: file systems allow 255 bytes, and a list shows much less. */
const MAX_SENDER_CHARS = 60;

/** `2024-03-05-Élodie Café.eml`: the message's date (UTC day) and its sender's name or address. */
export function messageSourceFileName(message: {
  date: string | null;
  from: Address | null;
}): string {
  const day = message.date && /^\d{4}-\d{2}-\d{2}/.exec(message.date)?.[0];
  const sender = safeFileNamePart(message.from?.name || message.from?.address || '');
  return `${day || 'undated'}-${sender || 'unknown-sender'}.eml`;
}

/**
 * Text made fit for a file name: no path separators, no characters Windows
 * refuses, no control characters, no leading or trailing dots and spaces.
 */
export function safeFileNamePart(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"/\\|?*]+/gu, ' ')
    .replace(/\s+/g, ' ');
  const short = Array.from(cleaned).slice(0, MAX_SENDER_CHARS).join('');
  return short.replace(/^[\s.]+|[\s.]+$/g, '');
}
