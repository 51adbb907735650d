/**
 * Which channels a message allows, each with its recipient or the reason it
 * is not offered. Never feed a spammer: with no proven router, an unaligned
 * sender or no identifiable advertiser, no unsubscribe is offered (it would
 * only confirm the address is read) — block and Signal Spam instead.
 */
import type { MessageDetail } from '../../shared/types.js';
import { parseListUnsubscribe } from '../mail-format/index.js';
import type { ObjectionChannel } from './types.js';

export interface ChannelOffer {
  channel: ObjectionChannel;
  available: boolean;
  /** Where the request would go (an address or an https URI), when known. */
  to: string | null;
  /** Why it is not offered, or what the user must check (a stable code). */
  reason: string | null;
}

const NO_REPLY = /^(?:no-?reply|do-?not-?reply|donotreply|ne-?pas-?repondre|noreply-[^@]*)@/i;

/** Addresses nobody reads: a letter there must be confirmed knowingly. */
export function isNoReply(address: string): boolean {
  return NO_REPLY.test(address.trim());
}

/** Why this message may not be answered with an unsubscribe, or null when it may. */
export function plainSpamReason(m: MessageDetail): string | null {
  const c = m.classification;
  if (m.verdict === 'spam') return 'plain-spam';
  if (!c?.advertiser) return 'no-advertiser';
  if (!c.advertiser.aligned) return 'sender-not-aligned';
  if (!c.router || c.router.confidence !== 'verified') return 'no-proven-router';
  return null;
}

function headerValue(m: MessageDetail, name: string): string | undefined {
  return m.headers.find((h) => h.name.toLowerCase() === name)?.value;
}

/** The abuse address of the router, when it gives an address rather than a web form. */
function abuseAddress(m: MessageDetail): string | null {
  const abuse = m.classification?.router?.abuse ?? null;
  if (!abuse) return null;
  const address = abuse.replace(/^mailto:/i, '');
  return /^[^@\s/]+@[^@\s/]+$/.test(address) ? address : null;
}

export function channelOffers(m: MessageDetail): ChannelOffer[] {
  const uris = parseListUnsubscribe(headerValue(m, 'list-unsubscribe'));
  const https = uris.find((u) => /^https:/i.test(u)) ?? null;
  const mailto = uris.find((u) => /^mailto:/i.test(u)) ?? null;
  const spam = plainSpamReason(m);
  const oneClickPost = /^list-unsubscribe=one-click$/i.test(
    (headerValue(m, 'list-unsubscribe-post') ?? '').replace(/\s+/g, ''),
  );
  const privacy = m.classification?.advertiser?.privacyContact ?? null;
  const abuse = abuseAddress(m);
  const offer = (
    channel: ObjectionChannel,
    to: string | null,
    reason: string | null,
  ): ChannelOffer => ({ channel, available: reason === null && to !== null, to, reason });
  return [
    offer(
      'one-click',
      https,
      spam ?? (!https ? 'no-https-uri' : !oneClickPost ? 'no-one-click-post' : null),
    ),
    offer('mailto', mailto, spam ?? (mailto ? null : 'no-mailto-uri')),
    offer(
      'letter',
      privacy,
      !m.classification?.advertiser
        ? 'no-advertiser'
        : !privacy
          ? 'no-privacy-contact'
          : isNoReply(privacy)
            ? 'no-reply-address'
            : null,
    ),
    offer(
      'abuse-report',
      abuse,
      !m.classification?.router ? 'no-router' : abuse ? null : 'no-abuse-address',
    ),
    offer('signal-spam', 'signal-spam', null),
  ];
}
