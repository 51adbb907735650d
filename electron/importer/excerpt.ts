/** The first 64 KB of an imported message's text and HTML, as sync stores for cold-prospecting candidates. */
import { simpleParser } from 'mailparser';
import type { Database } from '../store/db.js';

const LIMIT = 64 * 1024;

export async function storeExcerpt(
  db: Database,
  folderId: number,
  uid: number,
  raw: Buffer,
): Promise<void> {
  const row = db
    .prepare(`SELECT message_id AS id FROM message_locations WHERE folder_id = ? AND uid = ?`)
    .get(folderId, uid) as { id: number } | undefined;
  if (!row) return;
  let text: string | null = null;
  let html: string | null = null;
  let note: string | null = null;
  try {
    const parsed = await simpleParser(raw, {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
    text = parsed.text ? parsed.text.slice(0, LIMIT) : null;
    html = typeof parsed.html === 'string' ? parsed.html.slice(0, LIMIT) : null;
  } catch (err) {
    note = `unreadable body: ${(err as Error).message.slice(0, 200)}`;
  }
  db.prepare(
    `INSERT OR IGNORE INTO message_excerpts (message_id, text, html, note, fetched_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(row.id, text, html, note, new Date().toISOString());
}
