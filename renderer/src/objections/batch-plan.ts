/**
 * What a batch objection will send for each target (an advertiser and an
 * identity): the channels proposed by default, the recipients, and the
 * `objections.send` input once the user confirmed the whole batch.
 */
import type {
  BatchTarget,
  ChannelOfferInfo,
  LetterPreview,
  ObjectionChannelName,
  SendObjectionInput,
} from '../../../shared/api/objections.js';

export interface TargetPlan {
  chosen: ReadonlySet<ObjectionChannelName>;
  /** The letter's recipient as the user left it (detection's privacy contact at first). */
  letterTo: string;
  language: 'fr' | 'en';
  /** The letter to send: the default text until the user edits it; null until written. */
  letter: LetterPreview | null;
  acceptNoReply: boolean;
}

/** Why no unsubscribe is offered because of what the mail is (never feed a spammer), else null. */
const SPAM_REASONS = new Set([
  'plain-spam',
  'no-advertiser',
  'sender-not-aligned',
  'no-proven-router',
]);

export function spamReason(offers: readonly ChannelOfferInfo[]): string | null {
  const reason = offers.find((o) => o.channel === 'mailto')?.reason ?? null;
  return reason && SPAM_REASONS.has(reason) ? reason : null;
}

/** One unsubscribe (one-click, else mailto) and the letter, where each is offered. */
export function defaultPlan(target: BatchTarget, language: 'fr' | 'en'): TargetPlan {
  const offered = (c: ObjectionChannelName) =>
    target.offers.find((o) => o.channel === c)?.available === true;
  const chosen = new Set<ObjectionChannelName>();
  if (offered('one-click')) chosen.add('one-click');
  else if (offered('mailto')) chosen.add('mailto');
  if (offered('letter')) chosen.add('letter');
  const letterTo = target.offers.find((o) => o.channel === 'letter')?.to ?? '';
  return { chosen, letterTo, language, letter: null, acceptNoReply: false };
}

export interface PlannedRequest {
  channel: ObjectionChannelName;
  to: string;
}

/** Every recipient and channel of a target, as the confirmation lists them. */
export function plannedRequests(target: BatchTarget, plan: TargetPlan): PlannedRequest[] {
  return target.offers
    .filter((o) => plan.chosen.has(o.channel))
    .map((o) => ({
      channel: o.channel,
      to: o.channel === 'letter' ? plan.letterTo : (o.to ?? ''),
    }));
}

/** A target is ready when something is chosen and its letter (if chosen) is written. */
export function planReady(target: BatchTarget, plan: TargetPlan): boolean {
  const requests = plannedRequests(target, plan);
  return (
    requests.length > 0 &&
    requests.every((r) => r.to !== '') &&
    (!plan.chosen.has('letter') || plan.letter !== null)
  );
}

/** What `objections.send` takes for a target the user confirmed with the batch. */
export function sendInput(target: BatchTarget, plan: TargetPlan): SendObjectionInput {
  const requests = plannedRequests(target, plan);
  return {
    messageId: target.messageId,
    requests: requests.map((r) =>
      r.channel === 'letter' && plan.letter
        ? {
            ...r,
            language: plan.language,
            acceptNoReply: plan.acceptNoReply,
            letter: {
              subject: plan.letter.subject,
              text: plan.letter.text,
              referenceToken: plan.letter.referenceToken,
            },
          }
        : { ...r, acceptNoReply: false },
    ),
    confirmation: requests,
    repeat: false,
  };
}

/** The name the user knows an advertiser by, and the identity it wrote to. */
export const targetLabel = (t: BatchTarget) =>
  `${t.advertiserName ?? t.advertiser} — ${t.identity}`;
