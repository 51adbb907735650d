/**
 * The objection cases' SQL (migration 0012): cases, the requests sent for
 * them with their bytes, replies and violations, and the `objections` rows
 * detection's "after objection" flag reads. Small tables, written on the
 * main connection; every write is one statement or one synchronous
 * transaction.
 */
import type { Database } from '../store/db.js';
import type { ObjectionChannel } from './types.js';
import { writeTransaction } from '../store/transaction.js';

export interface CaseRow {
  id: number;
  accountId: string;
  identity: string;
  advertiserDomain: string;
  advertiserName: string | null;
  routerId: string | null;
  routerAccount: string | null;
  privacyContact: string | null;
  openedAt: string;
  triggerMessageIds: number[];
  extendedDeadline: string | null;
  closedAt: string | null;
}

export interface RequestRow {
  id: number;
  caseId: number;
  journalId: number;
  channel: ObjectionChannel;
  recipient: string;
  raw: Buffer;
  rawSha256: string;
  language: 'fr' | 'en' | null;
  referenceToken: string | null;
  rfcMessageId: string | null;
  createdAt: string;
}

export interface ReplyRow {
  caseId: number;
  messageId: number;
  matchedBy: 'in-reply-to' | 'references' | 'token';
  receivedAt: string;
}

export interface ViolationRow {
  caseId: number;
  messageId: number;
  receivedAt: string;
  raw: Buffer;
  rawSha256: string;
  dkimResult: string;
  dkimDomain: string | null;
  dkimSelector: string | null;
  dkimCheckedAt: string;
  dkimKeyRecord: string | null;
  filedJournalId: number | null;
}

export type NewCase = Omit<CaseRow, 'id' | 'extendedDeadline' | 'closedAt'>;

export interface CasesStore {
  /** The case of this identity and advertiser, created or given the new trigger messages. */
  openCase(c: NewCase): number;
  getCase(id: number): CaseRow | undefined;
  listCases(advertiserDomain?: string): CaseRow[];
  /** Open cases of the identity (lowercase). */
  casesOfIdentity(identity: string): CaseRow[];
  insertRequest(r: Omit<RequestRow, 'id'>): number;
  requests(caseId: number): RequestRow[];
  requestsByToken(token: string): RequestRow[];
  requestsByMessageIds(ids: readonly string[]): RequestRow[];
  /** The advertiser counts as objected to from `at` (read by detection's legal flags). */
  recordObjection(advertiserDomain: string, at: string, caseId: number): void;
  insertReply(r: ReplyRow): boolean;
  replies(caseId: number): ReplyRow[];
  insertViolation(v: ViolationRow): boolean;
  violations(caseId: number): ViolationRow[];
  setViolationFiled(caseId: number, messageId: number, journalId: number): void;
  setExtendedDeadline(caseId: number, deadline: string): void;
  closeCase(caseId: number, at: string): void;
  transaction<T>(fn: () => T): T;
  /** The user's account at a reporting service (Signal Spam): its password as ciphertext. */
  reportAccount(service: 'signal-spam'): { user: string; secret: Buffer } | undefined;
  saveReportAccount(service: 'signal-spam', user: string, secret: Buffer, at: string): void;
  /** Forgets the account; false when none was saved. */
  removeReportAccount(service: 'signal-spam'): boolean;
}

const CASE_COLUMNS = `id, account_id AS accountId, identity, advertiser_domain AS advertiserDomain,
  advertiser_name AS advertiserName, router_id AS routerId, router_account AS routerAccount,
  privacy_contact AS privacyContact, opened_at AS openedAt, trigger_message_ids AS triggers,
  extended_deadline AS extendedDeadline, closed_at AS closedAt`;
const REQUEST_COLUMNS = `id, case_id AS caseId, journal_id AS journalId, channel, recipient, raw,
  raw_sha256 AS rawSha256, language, reference_token AS referenceToken,
  rfc_message_id AS rfcMessageId, created_at AS createdAt`;
const VIOLATION_COLUMNS = `case_id AS caseId, message_id AS messageId, received_at AS receivedAt,
  raw, raw_sha256 AS rawSha256, dkim_result AS dkimResult, dkim_domain AS dkimDomain,
  dkim_selector AS dkimSelector, dkim_checked_at AS dkimCheckedAt, dkim_key_record AS dkimKeyRecord,
  filed_journal_id AS filedJournalId`;

type CaseSqlRow = Omit<CaseRow, 'triggerMessageIds'> & { triggers: string };
const toCase = ({ triggers, ...row }: CaseSqlRow): CaseRow => ({
  ...row,
  triggerMessageIds: JSON.parse(triggers) as number[],
});

export function createCasesStore(db: Database): CasesStore {
  const caseById = db.prepare(`SELECT ${CASE_COLUMNS} FROM objection_cases WHERE id = ?`);
  const caseByKey = db.prepare(
    `SELECT ${CASE_COLUMNS} FROM objection_cases WHERE identity = ? AND advertiser_domain = ?`,
  );
  const insertCase = db.prepare(
    `INSERT INTO objection_cases (account_id, identity, advertiser_domain, advertiser_name, router_id,
       router_account, privacy_contact, opened_at, trigger_message_ids)
     VALUES (@accountId, @identity, @advertiserDomain, @advertiserName, @routerId, @routerAccount,
       @privacyContact, @openedAt, @triggers)`,
  );
  const updateCase = db.prepare(
    `UPDATE objection_cases SET trigger_message_ids = ?, privacy_contact = COALESCE(?, privacy_contact),
       closed_at = NULL WHERE id = ?`,
  );
  const insertRequest = db.prepare(
    `INSERT INTO objection_requests (case_id, journal_id, channel, recipient, raw, raw_sha256, language,
       reference_token, rfc_message_id, created_at)
     VALUES (@caseId, @journalId, @channel, @recipient, @raw, @rawSha256, @language, @referenceToken,
       @rfcMessageId, @createdAt)`,
  );
  const requestsOf = db.prepare(
    `SELECT ${REQUEST_COLUMNS} FROM objection_requests WHERE case_id = ? ORDER BY id`,
  );
  const byToken = db.prepare(
    `SELECT ${REQUEST_COLUMNS} FROM objection_requests WHERE reference_token = ? ORDER BY id`,
  );
  const byMessageId = db.prepare(
    `SELECT ${REQUEST_COLUMNS} FROM objection_requests
     WHERE rfc_message_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  );
  const insertObjection = db.prepare(
    `INSERT INTO objections (advertiser_domain, objected_at, case_id) VALUES (?, ?, ?)`,
  );
  const insertReply = db.prepare(
    `INSERT OR IGNORE INTO objection_replies (case_id, message_id, matched_by, received_at)
     VALUES (@caseId, @messageId, @matchedBy, @receivedAt)`,
  );
  const repliesOf = db.prepare(
    `SELECT case_id AS caseId, message_id AS messageId, matched_by AS matchedBy,
       received_at AS receivedAt FROM objection_replies WHERE case_id = ? ORDER BY received_at`,
  );
  const insertViolation = db.prepare(
    `INSERT OR IGNORE INTO objection_violations (case_id, message_id, received_at, raw, raw_sha256,
       dkim_result, dkim_domain, dkim_selector, dkim_checked_at, dkim_key_record, filed_journal_id)
     VALUES (@caseId, @messageId, @receivedAt, @raw, @rawSha256, @dkimResult, @dkimDomain,
       @dkimSelector, @dkimCheckedAt, @dkimKeyRecord, @filedJournalId)`,
  );
  const violationsOf = db.prepare(
    `SELECT ${VIOLATION_COLUMNS} FROM objection_violations WHERE case_id = ? ORDER BY received_at`,
  );

  return {
    openCase(c) {
      return writeTransaction(db, () => {
        const existing = caseByKey.get(c.identity, c.advertiserDomain) as CaseSqlRow | undefined;
        if (!existing)
          return Number(
            insertCase.run({ ...c, triggers: JSON.stringify(c.triggerMessageIds) }).lastInsertRowid,
          );
        const triggers = [
          ...new Set([...toCase(existing).triggerMessageIds, ...c.triggerMessageIds]),
        ];
        updateCase.run(JSON.stringify(triggers), c.privacyContact, existing.id);
        return existing.id;
      })();
    },
    getCase(id) {
      const row = caseById.get(id) as CaseSqlRow | undefined;
      return row && toCase(row);
    },
    listCases(advertiserDomain) {
      const rows = (
        advertiserDomain === undefined
          ? db.prepare(`SELECT ${CASE_COLUMNS} FROM objection_cases ORDER BY id DESC`).all()
          : db
              .prepare(
                `SELECT ${CASE_COLUMNS} FROM objection_cases WHERE advertiser_domain = ? ORDER BY id DESC`,
              )
              .all(advertiserDomain)
      ) as CaseSqlRow[];
      return rows.map(toCase);
    },
    casesOfIdentity(identity) {
      const rows = db
        .prepare(
          `SELECT ${CASE_COLUMNS} FROM objection_cases WHERE identity = ? AND closed_at IS NULL`,
        )
        .all(identity) as CaseSqlRow[];
      return rows.map(toCase);
    },
    insertRequest: (r) => Number(insertRequest.run(r).lastInsertRowid),
    requests: (caseId) => requestsOf.all(caseId) as RequestRow[],
    requestsByToken: (token) => byToken.all(token) as RequestRow[],
    requestsByMessageIds: (ids) =>
      ids.length === 0 ? [] : (byMessageId.all(JSON.stringify(ids)) as RequestRow[]),
    recordObjection(domain, at, caseId) {
      insertObjection.run(domain, at, caseId);
    },
    insertReply: (r) => insertReply.run(r).changes > 0,
    replies: (caseId) => repliesOf.all(caseId) as ReplyRow[],
    insertViolation: (v) => insertViolation.run(v).changes > 0,
    violations: (caseId) => violationsOf.all(caseId) as ViolationRow[],
    setViolationFiled(caseId, messageId, journalId) {
      db.prepare(
        `UPDATE objection_violations SET filed_journal_id = ? WHERE case_id = ? AND message_id = ?`,
      ).run(journalId, caseId, messageId);
    },
    setExtendedDeadline(caseId, deadline) {
      db.prepare(`UPDATE objection_cases SET extended_deadline = ? WHERE id = ?`).run(
        deadline,
        caseId,
      );
    },
    closeCase(caseId, at) {
      db.prepare(`UPDATE objection_cases SET closed_at = ? WHERE id = ?`).run(at, caseId);
    },
    transaction: (fn) => writeTransaction(db, fn)(),
    reportAccount: (service) =>
      db.prepare(`SELECT user, secret FROM report_accounts WHERE service = ?`).get(service) as
        { user: string; secret: Buffer } | undefined,
    saveReportAccount(service, user, secret, at) {
      db.prepare(
        `INSERT INTO report_accounts (service, user, secret, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (service) DO UPDATE SET user = excluded.user, secret = excluded.secret,
           saved_at = excluded.saved_at`,
      ).run(service, user, secret, at);
    },
    removeReportAccount: (service) =>
      db.prepare(`DELETE FROM report_accounts WHERE service = ?`).run(service).changes > 0,
  };
}
