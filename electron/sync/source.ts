/**
 * The complete RFC 5322 source of a message, fetched on demand (evidence, or
 * the user opening it) and kept byte for byte with its SHA-256. Never
 * re-encoded: the literal's bytes go straight to the store.
 */
import { createHash } from 'node:crypto';
import type { AccountsService } from '../accounts/service.js';
import type { ImapTimeouts } from '../accounts/imap-client.js';
import { AppError } from '../errors.js';
import type { MessageSourceInfo } from '../../shared/types.js';
import { ImapWire, quoteMailbox } from './imap-wire.js';
import { fetchItems } from './response-parser.js';
import type { SourceLocation, SourcesStore } from './sources.sql.js';

export async function fetchMessageSource(
  sources: SourcesStore,
  accounts: AccountsService,
  messageId: number,
  timeouts?: ImapTimeouts,
): Promise<MessageSourceInfo> {
  const stored = sources.info(messageId);
  if (stored) return stored;
  const m = sources.locate(messageId);
  if (!m) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
  // A local import reads its file; a message the server no longer holds has no source to fetch.
  const raw =
    m.kind === 'local' ? await readLocal(m) : await fetchRemote(onServer(m), accounts, timeouts);
  const info: MessageSourceInfo = {
    messageId,
    size: raw.length,
    sha256: createHash('sha256').update(raw).digest('hex'),
    fetchedAt: new Date().toISOString(),
  };
  sources.save(info, raw);
  return info;
}

/** A message the server no longer holds has no source left to fetch. */
function onServer(m: SourceLocation): SourceLocation & { uid: number; path: string } {
  if (m.uid === null || m.path === null)
    throw new AppError(
      'NOT_FOUND',
      'This message is no longer on the server, and its source was not kept before it left.',
    );
  return { ...m, uid: m.uid, path: m.path };
}

async function fetchRemote(
  m: SourceLocation & { uid: number; path: string },
  accounts: AccountsService,
  timeouts?: ImapTimeouts,
): Promise<Buffer> {
  const { server, password, pin } = accounts.credentials(m.account_id);
  const wire = await ImapWire.connect(server, password, pin, timeouts);
  try {
    let uidvalidity: number | null = null;
    await wire.command(`EXAMINE ${quoteMailbox(m.listed_path ?? m.path)}`, (u) => {
      const code = /^\[UIDVALIDITY (\d+)\]/i.exec(u.text);
      if (u.type === 'OK' && code) uidvalidity = Number(code[1]);
    });
    if (m.uidvalidity !== null && uidvalidity !== m.uidvalidity)
      throw new AppError(
        'NOT_FOUND',
        'The folder was recreated on the server; sync again before opening this message.',
      );
    let raw: Buffer | null = null;
    await wire.command(`UID FETCH ${m.uid} (UID BODY.PEEK[])`, (u) => {
      if (u.type !== 'FETCH') return;
      const data = fetchItems(u.values);
      const body = data.get('BODY[]');
      if (data.get('UID') === m.uid && Buffer.isBuffer(body)) raw = body;
    });
    if (!raw)
      throw new AppError(
        'NOT_FOUND',
        'The server no longer has this message (it was moved or deleted).',
      );
    return raw;
  } finally {
    await wire.logout();
  }
}

async function readLocal(m: SourceLocation): Promise<Buffer> {
  const { readMessageSources } = await import('../importer/sources.js');
  const origin = m.origin ?? '';
  const file = origin.replace(/#\d+$/, '');
  for await (const item of readMessageSources(file)) if (item.source === origin) return item.raw;
  throw new AppError('NOT_FOUND', `The imported file ${file} no longer holds this message.`);
}
