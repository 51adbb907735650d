/** What the objections tests share: alice with an SMTP server (the sink), and parsing. */
import { ImapFlow } from 'imapflow';
import type { Account } from '../../shared/types.js';
import type { TestCore } from '../support/core.js';

export const ALICE_PASSWORD = 'alice-secret-pw';

/** Alice on the test Dovecot, sending through the loopback SMTP sink (AUTH required). */
export function addAliceWithSmtp(
  t: TestCore,
  imapPort: number,
  smtpPort: number,
): Promise<Account> {
  return t.value('accounts.add', {
    email: 'alice@exemple.fr',
    provider: 'custom',
    password: ALICE_PASSWORD,
    imap: { host: '127.0.0.1', port: imapPort, security: 'plain', user: 'alice' },
    smtp: { host: '127.0.0.1', port: smtpPort, security: 'plain', user: 'alice' },
    smtpPassword: 'alice-smtp-pw',
  });
}

/** The raw messages of a folder on the server, in UID order. */
export async function folderSources(port: number, folder: string): Promise<Buffer[]> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: 'alice', pass: ALICE_PASSWORD },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      const out: Buffer[] = [];
      for await (const m of client.fetch('1:*', { source: true })) out.push(m.source!);
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** The body of each top-level MIME part of a multipart message, byte for byte, with its headers. */
export function mimeParts(raw: Buffer): Array<{ headers: string; body: Buffer }> {
  const text = raw.toString('latin1');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)![1]!;
  const delimiter = `\r\n--${boundary}`;
  const parts: Array<{ headers: string; body: Buffer }> = [];
  let pos = text.indexOf(`--${boundary}`);
  for (;;) {
    const start = text.indexOf('\r\n', pos) + 2;
    const end = text.indexOf(delimiter, start);
    if (end === -1) break;
    const split = text.indexOf('\r\n\r\n', start);
    parts.push({
      headers: text.slice(start, split),
      body: Buffer.from(text.slice(split + 4, end), 'latin1'),
    });
    pos = end + 2;
    if (text.startsWith('--', end + delimiter.length)) break;
  }
  return parts;
}
