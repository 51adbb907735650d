/**
 * A generated, already-classified store for the triage bench: local accounts
 * (no server to reach), one INBOX each, and messages with their location and
 * their verdict, written straight into a migrated database (a detection pass
 * over 1,000,000 generated messages would measure detection, not triage).
 * Every message is unsolicited marketing; advertisers follow a long tail (a
 * few send a lot, most send little), as in a real mailbox. No header blocks:
 * the database size per message is that of what triage reads.
 */
import { createTriageSummaryWriter } from '../electron/triage/summary.sql.js';
import { openDatabase } from '../electron/store/db.js';

export interface GeneratedTriageStore {
  messages: number;
  accounts: number;
  advertisers: number;
}

const ROUTERS = [
  ['mailchimp', 'Mailchimp'],
  ['brevo', 'Brevo (Sendinblue)'],
  ['sendgrid', 'SendGrid (Twilio)'],
  ['amazon-ses', 'Amazon SES'],
  ['hubspot', 'HubSpot'],
  ['salesforce-mc', 'Salesforce Marketing Cloud'],
  ['lemlist', 'lemlist'],
  ['mailjet', 'Mailjet'],
  ['klaviyo', 'Klaviyo'],
] as const;
const VERDICTS = ['newsletter', 'cold_prospecting', 'spam'] as const;
const LEGAL = [
  {
    code: 'personal_no_consent',
    en: 'marketing to a personal address with no sign of prior consent (CPCE L.34-5)',
    fr: 'prospection vers une adresse personnelle sans trace de consentement préalable (CPCE L.34-5)',
  },
];
const BATCH = 50_000;

/** Writes `messages` messages over `accounts` accounts into the database file (created). */
export function writeTriageStore(
  file: string,
  o: { messages: number; accounts: number; advertisers: number; seed?: number },
): GeneratedTriageStore {
  const db = openDatabase(file, { role: 'plain' });
  let seed = o.seed ?? 16;
  // Park–Miller: the same store every run.
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const now = new Date('2026-12-01T00:00:00Z').getTime();
  const at = new Date().toISOString();

  const insertAccount = db.prepare(`INSERT INTO accounts (id, kind, name, email, provider, origin,
    created_at, updated_at) VALUES (?, 'local', ?, ?, 'custom', 'bench', ?, ?)`);
  const insertFolder = db.prepare(`INSERT INTO folders (account_id, path, name, special_use,
    messages, uidvalidity) VALUES (?, 'INBOX', 'INBOX', 'inbox', ?, 1)`);
  const insertMessage = db.prepare(`INSERT INTO messages (id, account_id, message_id, date,
    from_name, from_address, to_json, subject, size, has_list_unsubscribe)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const insertLocation = db.prepare(`INSERT INTO message_locations (folder_id, uid, message_id,
    account_id, uidvalidity) VALUES (?, ?, ?, ?, 1)`);
  const insertVerdict = db.prepare(`INSERT INTO classifications (message_id, verdict, score,
    unsolicited, router_id, router_name, router_account, advertiser_domain, advertiser_name,
    identity, identity_leaked, detail, classified_at)
    VALUES (?, ?, 0.9, 1, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`);

  const perAccount = Math.ceil(o.messages / o.accounts);
  const folders: number[] = [];
  db.transaction(() => {
    for (let a = 0; a < o.accounts; a++) {
      insertAccount.run(`bench-${a}`, `Bench ${a}`, `user${a}@bench.example`, at, at);
      folders.push(Number(insertFolder.run(`bench-${a}`, perAccount).lastInsertRowid));
    }
  })();

  const write = db.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) {
      const account = (id - 1) % o.accounts;
      const accountId = `bench-${account}`;
      // The long tail: a few advertisers send most of the mail.
      const adv = Math.floor(o.advertisers * random() ** 3);
      const domain = `annonceur${adv}.example`;
      const name = `Annonceur ${adv}`;
      const [routerId, routerName] = ROUTERS[adv % ROUTERS.length]!;
      const verdict = VERDICTS[adv % VERDICTS.length]!;
      const identity = `user${account}${adv % 4 === 0 ? '+shop' : ''}@bench.example`;
      const date = new Date(now - Math.floor(random() * 365 * 86_400_000)).toISOString();
      const detail = JSON.stringify({
        signals: [
          {
            code: 'list_unsubscribe',
            en: 'List-Unsubscribe header present',
            fr: 'En-tête List-Unsubscribe présent',
          },
        ],
        legalFlags: adv % 3 === 0 ? LEGAL : [],
        router: {
          id: routerId,
          name: routerName,
          kind: 'esp',
          accountId: null,
          abuse: null,
          confidence: 'verified',
        },
        advertiser: { domain, name, privacyContact: null, authenticated: true },
      });
      insertMessage.run(
        id,
        accountId,
        `<m${id}@${domain}>`,
        date,
        name,
        `news@${domain}`,
        JSON.stringify([{ name: null, address: identity }]),
        `Offre ${id} de ${name}`,
        20_000,
      );
      insertLocation.run(folders[account], Math.ceil(id / o.accounts), id, accountId);
      insertVerdict.run(
        id,
        verdict,
        routerId,
        routerName,
        domain,
        name,
        identity,
        adv % 4 === 0 ? 1 : 0,
        detail,
        at,
      );
    }
  });
  // Verdicts are written in batches that keep the triage summary (as the writer thread does).
  const triage = createTriageSummaryWriter(db);
  for (let from = 1; from <= o.messages; from += BATCH) {
    const to = Math.min(o.messages + 1, from + BATCH);
    const ids = Array.from({ length: to - from }, (_, i) => from + i);
    triage.aroundVerdicts(ids, () => write(from, to));
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { messages: o.messages, accounts: o.accounts, advertisers: o.advertisers };
}
