/**
 * Labelling more SpamAssassin messages for train/extra-labels.tsv (not shipped):
 *
 *   npx tsx train/label-aid.ts candidates <folder> <start> <count>   ids not labelled yet, package order
 *   npx tsx train/label-aid.ts show <id> [<id> ...]                  header block and decoded text
 *   npx tsx train/label-aid.ts rows <decisions.tsv>                  rows to append to extra-labels.tsv
 *
 * A decisions file has one line per message: id, label, router, lang, note (TAB-separated);
 * `rows` adds the Message-ID, the SHA-256 and the headers that situate the message (origin hop,
 * mailer, List-Id, date, subject) before the note, as every row of extra-labels.tsv has them.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { CORPUS_LABELS, DEFAULT_CORPUS, readExtraRows, spamAssassinData } from './corpus.js';

/** The header block as written, folded lines and all. */
function writtenHeader(raw: Buffer): string {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

function headerBlock(raw: Buffer): string {
  return writtenHeader(raw).replace(/\r?\n[ \t]+/g, ' ');
}

function header(block: string, name: string): string | undefined {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(block)?.[1]?.trim();
}

/** Ids labelled here or in the shared corpus (which names its SpamAssassin sources). */
function labelled(): Set<string> {
  const ids = new Set(readExtraRows().map((r) => r.id));
  for (const line of readFileSync(path.join(DEFAULT_CORPUS, 'labels.tsv'), 'utf8').split('\n')) {
    const m = /datasets-spam-assassin@[0-9a-f]+:data\/(.*)\.txt/.exec(line);
    if (m) ids.add(m[1]!);
  }
  return ids;
}

function candidates(data: string, folder: string, start: number, count: number): string[] {
  const done = labelled();
  return readdirSync(path.join(data, folder))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => `${folder}/${f.slice(0, -'.txt'.length)}`)
    .filter((id) => !done.has(id))
    .slice(start, start + count);
}

async function show(data: string, id: string): Promise<string> {
  const raw = readFileSync(path.join(data, `${id}.txt`));
  const parsed = await simpleParser(raw);
  const text =
    parsed.text?.trim() ||
    (parsed.html ? parsed.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') : '');
  const attachments = parsed.attachments.map((a) => `${a.contentType} ${a.filename ?? ''}`);
  return [
    `################ ${id}`,
    headerBlock(raw).slice(0, 6000),
    '===== text (first 3,000 characters) =====',
    text.slice(0, 3000),
    attachments.length ? `[attachments: ${attachments.join(', ')}]` : '',
  ].join('\n');
}

function row(data: string, decision: string[]): string {
  const [id, label, router, lang, note] = decision;
  if (!id || !CORPUS_LABELS.includes(label ?? ''))
    throw new Error(`${id}: label must be one of ${CORPUS_LABELS.join(', ')}`);
  if (!router) throw new Error(`${id}: router required (none, unknown or a platform)`);
  if (!/^[a-z]{2}$/.test(lang ?? '')) throw new Error(`${id}: lang must be two letters`);
  if (!note?.trim()) throw new Error(`${id}: a note saying what the message is`);
  const raw = readFileSync(path.join(data, `${id}.txt`));
  const block = headerBlock(raw);
  // Read from the header as written, not unfolded: a value folded onto the next line, or one
  // with no closing ">" on its line, is no Message-ID (as test/detect/extra-labels.test.ts reads it).
  const messageId = /^message-id:\s*(<[^>\r\n]*>)/im.exec(writtenHeader(raw))?.[1] ?? '-';
  const origin = [...block.matchAll(/^received:[ \t]*(.*)$/gim)].at(-1)?.[1];
  const hop = origin ? /from (.*?) by (\S+)/i.exec(origin) : null;
  const situated = [
    ['X-Mailer', header(block, 'X-Mailer') ?? header(block, 'User-Agent')],
    ['origin', hop ? `${hop[1]!.trim()} -> ${hop[2]!.replace(/;$/, '')}` : undefined],
    ['List-Id', header(block, 'List-Id')],
    ['Message-ID', messageId],
    ['Date', header(block, 'Date')],
    ['Subject', header(block, 'Subject')],
  ].flatMap(([name, value]) => (value ? [`${name}=${value}`] : []));
  const evidence = [...situated, `note: ${note.trim()}`].join(' | ').replace(/[\t\r\n]+/g, ' ');
  const sha256 = createHash('sha256').update(raw).digest('hex');
  return [id, label, router, lang, messageId, sha256, evidence].join('\t');
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const data = spamAssassinData();
  if (command === 'candidates' && args.length === 3) {
    console.log(candidates(data, args[0]!, Number(args[1]), Number(args[2])).join('\n'));
  } else if (command === 'show' && args.length > 0) {
    for (const id of args) console.log(await show(data, id));
  } else if (command === 'rows' && args.length === 1) {
    const lines = readFileSync(args[0]!, 'utf8').split('\n');
    for (const line of lines.filter((l) => l.trim() && !l.startsWith('#')))
      console.log(row(data, line.split('\t')));
  } else {
    console.error(
      'usage: label-aid.ts candidates <folder> <start> <count> | show <id>... | rows <decisions.tsv>',
    );
    process.exitCode = 2;
  }
}

await main();
