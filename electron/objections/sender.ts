/**
 * One request of a confirmed objection, checked and then sent: every check
 * (channel offered, DKIM proof of a one-click link, a letter's recipient, a
 * Signal Spam account) runs for the whole batch before anything leaves; then
 * each request is built to its final bytes, journaled, sent and settled.
 */
import type { ObjectionRequestInput } from '../../shared/api/objections.js';
import type { LetterPreview } from '../../shared/api/objections.js';
import type { MessageDetail } from '../../shared/types.js';
import { AppError, isAppError } from '../errors.js';
import { mailAttempt, oneClickAttempt, signalSpamAttempt } from './attempts.js';
import { channelOffers, isNoReply } from './channels.js';
import {
  composeAbuseReport,
  composeLetter,
  composeMailtoUnsubscribe,
  type OutgoingMail,
} from './compose.js';
import { beginRequest, settleRequest, type Attempt, type PreparedRequest } from './ledger.js';
import { ONE_CLICK_BODY } from './one-click.js';
import { proveOneClick } from './one-click-proof.js';
import { createRateLimiter } from './rate-limit.js';
import { signalSpamBody } from './signal-spam.js';
import type { ObjectionsDeps } from './deps.js';
import { identityOf, routerDomainsOf } from './message-facts.js';
import type { ObjectionChannel } from './types.js';

export interface Sendable {
  channel: ObjectionChannel;
  to: string;
  language: 'fr' | 'en' | null;
  letter: { subject: string; text: string; referenceToken: string } | null;
  /** A reminder: the request id of the letter it follows up. */
  followUpOf: number | null;
}

type LetterFn = (input: { messageId: number; language: 'fr' | 'en'; to?: string }) => LetterPreview;

/** At most this many one-click POSTs a minute (the rate limit). */
const ONE_CLICK_PER_MINUTE = 10;

const notOffered = (reason: string | null) =>
  new AppError(
    'CHANNEL_NOT_PROVEN',
    `This channel is not available for this message (${reason ?? 'unknown'}).`,
    { reason: reason ?? 'unknown' },
  );

export function createSender(deps: ObjectionsDeps) {
  const oneClickLimiter = createRateLimiter({ limit: ONE_CLICK_PER_MINUTE, windowMs: 60_000 });
  const options = deps.options ?? {};

  function check(m: MessageDetail, r: ObjectionRequestInput, letter: LetterFn): Sendable {
    const offer = channelOffers(m).find((o) => o.channel === r.channel)!;
    const base = { channel: r.channel, to: r.to, language: null, letter: null, followUpOf: null };
    switch (r.channel) {
      case 'one-click':
      case 'mailto':
      case 'abuse-report':
        if (!offer.available) throw notOffered(offer.reason);
        if (offer.to !== r.to)
          throw new AppError('INVALID_INPUT', `This message offers ${offer.to}, not ${r.to}.`);
        return base;
      case 'letter': {
        if (!m.classification?.advertiser) throw notOffered('no-advertiser');
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.to))
          throw new AppError('INVALID_INPUT', `“${r.to}” is not an email address.`);
        if (isNoReply(r.to) && !r.acceptNoReply) throw notOffered('no-reply-address');
        const language = r.language ?? 'fr';
        const text = r.letter ?? letter({ messageId: m.id, language, to: r.to });
        return {
          ...base,
          language,
          letter: { subject: text.subject, text: text.text, referenceToken: text.referenceToken },
        };
      }
      case 'signal-spam':
        if (r.to !== 'signal-spam')
          throw new AppError('INVALID_INPUT', 'Unknown Signal Spam target.');
        if (!deps.cases.reportAccount('signal-spam'))
          throw new AppError(
            'INVALID_INPUT',
            'Enter your Signal Spam account in the settings before reporting.',
          );
        return base;
    }
  }

  /** Checks what only the original can prove (one-click's DKIM), before anything is sent. */
  async function prove(m: MessageDetail, raw: Buffer, s: Sendable): Promise<void> {
    if (s.channel !== 'one-click') return;
    const proof = await proveOneClick(raw, {
      resolver: options.dkimResolver,
      routerDomains: routerDomainsOf(m),
    });
    if (proof.url !== s.to) throw notOffered('dkim-not-verified');
  }

  /** Why DKIM does not prove this one-click link (a CHANNEL_NOT_PROVEN reason), or null. */
  async function oneClickRefusal(
    m: MessageDetail,
    raw: Buffer,
    url: string,
  ): Promise<string | null> {
    try {
      await prove(m, raw, {
        channel: 'one-click',
        to: url,
        language: null,
        letter: null,
        followUpOf: null,
      });
      return null;
    } catch (err) {
      if (isAppError(err, 'CHANNEL_NOT_PROVEN')) return err.details.reason;
      throw err;
    }
  }

  async function build(
    m: MessageDetail,
    raw: Buffer,
    s: Sendable,
  ): Promise<{ bytes: Buffer; mail: OutgoingMail | null }> {
    const from = identityOf(m);
    switch (s.channel) {
      case 'one-click':
        return { bytes: Buffer.from(ONE_CLICK_BODY, 'ascii'), mail: null };
      case 'signal-spam':
        return { bytes: signalSpamBody(raw), mail: null };
      case 'mailto': {
        const mail = await composeMailtoUnsubscribe(from, s.to);
        return { bytes: mail.raw, mail };
      }
      case 'letter': {
        const mail = await composeLetter({
          from,
          to: s.to,
          letter: s.letter!,
          language: s.language ?? 'fr',
          referenceToken: s.letter!.referenceToken,
          original: raw,
        });
        return { bytes: mail.raw, mail };
      }
      case 'abuse-report': {
        const mail = composeAbuseReport({
          from,
          to: s.to,
          identity: from,
          advertiser: m.classification?.advertiser?.domain ?? m.from?.address ?? 'unknown',
          routerName: m.classification?.router?.name ?? null,
          routerAccountId: m.classification?.router?.accountId ?? null,
          arrivalDate: m.date,
          original: raw,
        });
        return { bytes: mail.raw, mail };
      }
    }
  }

  function attempt(m: MessageDetail, raw: Buffer, s: Sendable, mail: OutgoingMail | null) {
    return (): Promise<Attempt> => {
      if (s.channel === 'one-click') return oneClickAttempt(s.to, options.oneClick ?? {});
      if (s.channel === 'signal-spam') {
        const account = deps.cases.reportAccount('signal-spam')!;
        const password = deps.secrets.decrypt(account.secret);
        deps.redact(password);
        return signalSpamAttempt(
          signalSpamBody(raw),
          { user: account.user, password },
          options.signalSpamUrl,
        );
      }
      const folders = deps.mailbox.listFolders(m.accountId);
      const sent =
        folders.find((f) => f.specialUse === 'sent') ??
        folders.find((f) => /(^|[./])sent$/i.test(f.path));
      return mailAttempt(
        s.channel,
        mail!,
        { ...deps.smtpAccess(m.accountId), email: identityOf(m) },
        {
          folder: sent?.path ?? null,
          session: () => deps.mailActions.session(m.accountId),
        },
        options.smtpCa,
      );
    };
  }

  async function send(m: MessageDetail, caseId: number, raw: Buffer, s: Sendable) {
    const { bytes, mail } = await build(m, raw, s);
    if (s.channel === 'one-click') await oneClickLimiter.acquire();
    const prepared: PreparedRequest = {
      caseId,
      accountId: m.accountId,
      channel: s.channel,
      to: s.to,
      raw: bytes,
      language: s.language,
      referenceToken: s.letter?.referenceToken ?? null,
      rfcMessageId: mail?.messageId ?? null,
      from: identityOf(m),
      followUpOf: s.followUpOf,
    };
    const { entry } = beginRequest(deps.journal, deps.cases, prepared);
    await options.beforeNetwork?.(entry);
    const settled = await settleRequest(deps.journal, entry, attempt(m, raw, s, mail));
    const objects = s.channel !== 'abuse-report' && s.channel !== 'signal-spam';
    if (settled.state === 'done' && objects)
      deps.cases.recordObjection(
        deps.cases.getCase(caseId)!.advertiserDomain,
        settled.createdAt,
        caseId,
      );
    return settled;
  }

  return { check, prove, oneClickRefusal, send };
}
