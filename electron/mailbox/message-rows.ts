/**
 * A stored message as the UI sees it, from its row (no SQL here: the
 * statements are in messages.sql.ts). A row a scan stored without its
 * summary is read from its header block.
 */
import { createHash } from 'node:crypto';
import type { ClassificationDetail, MessageSummary, Verdict } from '../../shared/types.js';
import { storedSignal } from '../detect/signals.js';
import { summarizeHeaders, type HeaderSummary } from '../mail-format/index.js';

export interface MessageRow {
  id: number;
  account_id: string;
  folder_id: number | null;
  uid: number | null;
  message_id: string | null;
  date: string | null;
  from_name: string | null;
  from_address: string | null;
  to_json: string;
  subject: string;
  size: number;
  flags: string;
  has_list_unsubscribe: number;
  summarized: number;
  internal_date: string | null;
  verdict: Verdict | null;
  score: number | null;
  unsolicited: number | null;
  router_name: string | null;
  advertiser_domain: string | null;
  identity: string | null;
  detection_error: string | null;
}

/** What identifies a message wherever it is: the SHA-256 of its raw header block. */
export function headerHash(headers: Buffer): Buffer {
  return createHash('sha256').update(headers).digest();
}

export type SummaryColumns = ReturnType<typeof summaryColumns>;

/** The summary columns of a message: null stores it pending, with the internal date as its date. */
export function summaryColumns(s: HeaderSummary | null, internalDate: string | null) {
  return {
    summarized: s ? 1 : 0,
    messageId: s?.messageId ?? null,
    date: s?.date ?? internalDate,
    fromName: s?.from?.name ?? null,
    fromAddress: s?.from?.address ?? null,
    toJson: s ? JSON.stringify(s.to) : '[]',
    subject: s?.subject ?? '',
    hasListUnsubscribe: s?.hasListUnsubscribe ? 1 : 0,
  };
}

/** A stored verdict's detail, its signals put back into words. */
export function detailFromStore(json: string): ClassificationDetail {
  const detail = JSON.parse(json) as ClassificationDetail;
  return { ...detail, signals: detail.signals.map(storedSignal) };
}

/** A stored row as the list shows it; a row still pending its summary is read from `headers`. */
export function toSummary(row: MessageRow, headers: () => Buffer | undefined): MessageSummary {
  let r = row;
  if (r.summarized === 0) {
    const block = headers();
    if (block) {
      const c = summaryColumns(summarizeHeaders(block), r.internal_date);
      r = {
        ...r,
        message_id: c.messageId,
        date: c.date,
        from_name: c.fromName,
        from_address: c.fromAddress,
        to_json: c.toJson,
        subject: c.subject,
        has_list_unsubscribe: c.hasListUnsubscribe,
      };
    }
  }
  return {
    id: r.id,
    accountId: r.account_id,
    folderId: r.folder_id,
    uid: r.uid,
    messageId: r.message_id,
    date: r.date,
    from: r.from_address ? { name: r.from_name ?? '', address: r.from_address } : null,
    to: JSON.parse(r.to_json) as MessageSummary['to'],
    subject: r.subject,
    size: r.size,
    flags: r.flags ? r.flags.split(' ') : [],
    hasListUnsubscribe: r.has_list_unsubscribe === 1,
    verdict: r.verdict,
    score: r.score,
    unsolicited: r.unsolicited === 1,
    router: r.router_name,
    advertiser: r.advertiser_domain,
    identity: r.identity,
    detectionError: r.detection_error,
  };
}
