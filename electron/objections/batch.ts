/**
 * A batch objection (issue 14, items 3 and 8): from triage groups or a
 * sender, one objection per advertiser and identity, each through its most
 * recent message to that identity and with the channels that message allows
 * — the very offers of the single-message flow, so plain spam gets no
 * unsubscribe here either. Sending stays `objections.send`, one per target,
 * after one confirmation listing them all.
 */
import {
  MAX_BATCH_TARGETS,
  type BatchTarget,
  type BatchTargets,
  type BatchTargetsInput,
  type ChannelOfferInfo,
} from '../../shared/api/objections.js';
import type { MailboxReader } from '../mailbox/index.js';
import type { BatchReader, BatchRepresentative } from './batch.sql.js';
import { advertiserLabel, identityOf } from './message-facts.js';

export interface BatchTargetsDeps {
  batch: BatchReader;
  mailbox: Pick<MailboxReader, 'getMessage'>;
  channels(messageId: number): Promise<ChannelOfferInfo[]>;
}

export async function batchTargets(
  d: BatchTargetsDeps,
  input: BatchTargetsInput,
): Promise<BatchTargets> {
  // One more than a batch takes: whether the selection was cut short.
  const picked: BatchRepresentative[] =
    'senderOf' in input
      ? d.batch.ofSender(input.senderOf, MAX_BATCH_TARGETS + 1)
      : d.batch.ofGroups(input.by, input.keys, input.accountId ?? null, MAX_BATCH_TARGETS + 1);
  const targets: BatchTarget[] = [];
  for (const r of picked.slice(0, MAX_BATCH_TARGETS)) {
    const m = d.mailbox.getMessage(r.messageId);
    // Gone between the two reads (a sync or a rule moved it): the others still stand.
    if (!m) continue;
    targets.push({
      messageId: m.id,
      advertiser: r.advertiser,
      advertiserName: m.classification?.advertiser?.name ?? (advertiserLabel(m) || null),
      identity: identityOf(m) || r.identity,
      subject: m.subject,
      // One after the other: a one-click proof may fetch the message from its server.
      offers: await d.channels(m.id),
    });
  }
  return { targets, truncated: picked.length > MAX_BATCH_TARGETS };
}
