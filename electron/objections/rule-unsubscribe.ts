/**
 * The rule action "unsubscribe", the one standing consent to send: for each
 * matching message from a proven platform, one-click when DKIM proves the
 * link, else mailto — never a letter, an abuse report or Signal Spam. At most
 * once per advertiser and identity: a case that holds an unsubscribe sent, or
 * whose outcome is unknown, gets none (the ledger is the memory, across runs).
 */
import type { CaseInfo, ObjectionRequestInput } from '../../shared/api/objections.js';
import type { MessageDetail } from '../../shared/types.js';
import type { ChannelOffer } from './channels.js';
import { plainSpamReason } from './channels.js';
import { advertiserDomainOf, identityOf } from './message-facts.js';

export interface RuleUnsubscribeReport {
  /** Unsubscribes sent (or attempted: the case says how each ended). */
  sent: number;
  /** Messages left alone: no proven platform, no channel, or already unsubscribed. */
  skipped: number;
}

export interface RuleUnsubscribeDeps {
  message(id: number): MessageDetail | null;
  channels(messageId: number): Promise<ChannelOffer[]>;
  cases(): CaseInfo[];
  send(messageId: number, request: ObjectionRequestInput): Promise<unknown>;
}

const UNSUBSCRIBE_CHANNELS = new Set(['one-click', 'mailto']);
const keyOf = (advertiser: string, identity: string) => `${advertiser}\u0000${identity}`;

/** Advertiser+identity pairs with an unsubscribe that did not plainly fail. */
function alreadyUnsubscribed(cases: CaseInfo[]): Set<string> {
  const done = new Set<string>();
  for (const c of cases)
    if (c.requests.some((r) => UNSUBSCRIBE_CHANNELS.has(r.channel) && r.state !== 'failed'))
      done.add(keyOf(c.advertiserDomain, c.identity));
  return done;
}

export async function unsubscribeByRule(
  d: RuleUnsubscribeDeps,
  messageIds: readonly number[],
): Promise<RuleUnsubscribeReport> {
  const done = alreadyUnsubscribed(d.cases());
  const report = { sent: 0, skipped: 0 };
  for (const id of messageIds) {
    const m = d.message(id);
    const key = m && keyOf(advertiserDomainOf(m), identityOf(m));
    if (!m || !key || done.has(key) || plainSpamReason(m) !== null) {
      report.skipped++;
      continue;
    }
    const offers = await d.channels(id);
    const offer =
      offers.find((o) => o.channel === 'one-click' && o.available) ??
      offers.find((o) => o.channel === 'mailto' && o.available);
    if (!offer?.to) {
      report.skipped++;
      continue;
    }
    await d.send(id, { channel: offer.channel, to: offer.to, acceptNoReply: false });
    done.add(key);
    report.sent++;
  }
  return report;
}
