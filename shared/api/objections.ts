/**
 * Objections (issue 14): what a message allows (channels with recipients or
 * the reason they are not offered), the letter to review, sending with the
 * user's explicit confirmation, and the cases with their deadlines.
 */
import { z } from 'zod';
import { call } from './define.js';
import { accountId } from './schemas.js';
import { TRIAGE_GROUPINGS } from './triage.js';

export const OBJECTION_CHANNELS = [
  'one-click',
  'mailto',
  'letter',
  'abuse-report',
  'signal-spam',
] as const;
export type ObjectionChannelName = (typeof OBJECTION_CHANNELS)[number];

export interface ChannelOfferInfo {
  channel: ObjectionChannelName;
  available: boolean;
  to: string | null;
  /** A stable code: why it is not offered (`plain-spam`, `no-privacy-contact`...), else null. */
  reason: string | null;
}

export interface LetterPreview {
  language: 'fr' | 'en';
  to: string | null;
  subject: string;
  text: string;
  referenceToken: string;
  deadline: string;
  /** The recipient is a no-reply address: sending there needs `acceptNoReply`. */
  noReply: boolean;
}

export interface CaseRequestInfo {
  id: number;
  channel: ObjectionChannelName;
  to: string;
  sentAt: string;
  state: 'pending' | 'done' | 'failed' | 'unknown';
  rawSha256: string;
  referenceToken: string | null;
  /** A reminder: the id of the letter request it follows up; else null. */
  followUpOf: number | null;
  error: { code: string; message: string } | null;
}

/** What comes next on a case and from when (ISO 8601; it may be in the future). */
export interface CaseNextStep {
  /** reminder: a follow-up letter (objections.sendReminder); complaint: the evidence bundle. */
  step: 'reminder' | 'complaint';
  from: string;
}

export interface CaseInfo {
  id: number;
  advertiserDomain: string;
  advertiserName: string | null;
  identity: string;
  openedAt: string;
  deadline: string | null;
  extendedDeadline: string | null;
  status: 'waiting' | 'answered' | 'overdue' | 'violated' | 'closed';
  requests: CaseRequestInfo[];
  replies: Array<{ messageId: number; receivedAt: string; matchedBy: string }>;
  violations: Array<{
    messageId: number;
    receivedAt: string;
    rawSha256: string;
    dkim: string;
    /** The DNS key record the DKIM check used, kept because keys rotate. */
    dkimKeyRecord: string | null;
  }>;
  /** Null when nothing follows (answered, closed, or unsubscribes only and no violation). */
  nextStep: CaseNextStep | null;
}

/**
 * One objection of a batch: an advertiser and an identity it hit, through its most recent
 * message to that identity, with the channels that message allows (as for a single message).
 */
export interface BatchTarget {
  messageId: number;
  /** The advertiser's domain, or the sender's address when detection named no advertiser. */
  advertiser: string;
  advertiserName: string | null;
  identity: string;
  subject: string;
  offers: ChannelOfferInfo[];
}

/** The most advertisers and identities one batch objects to (one confirmation screen). */
export const MAX_BATCH_TARGETS = 20;

export interface BatchTargets {
  targets: BatchTarget[];
  /** More advertisers and identities were selected than one batch takes: only the first are here. */
  truncated: boolean;
}

const channel = z.enum(OBJECTION_CHANNELS);
const messageId = z.number().int().positive();
const language = z.enum(['fr', 'en']);
const referenceToken = z.string().regex(/^IG-[A-Z2-9]{8}$/);

export const objectionRequestSchema = z
  .object({
    channel,
    /** The recipient the user saw: an address, an https URI, or `signal-spam`. */
    to: z.string().min(1).max(4096),
    language: language.optional(),
    /** The letter as the user reviewed (and maybe edited) it. */
    letter: z
      .object({
        subject: z.string().min(1).max(998),
        text: z.string().min(1).max(100_000),
        referenceToken,
      })
      .strict()
      .optional(),
    /** The user was warned the letter's recipient is a no-reply address, and chose it. */
    acceptNoReply: z.boolean().default(false),
  })
  .strict();

export const sendObjectionSchema = z
  .object({
    messageId,
    requests: z.array(objectionRequestSchema).min(1).max(10),
    /** Every recipient and channel, as the confirmation screen listed them. */
    confirmation: z
      .array(z.object({ channel, to: z.string().min(1).max(4096) }).strict())
      .min(1)
      .max(10),
    /** Send again what was sent already, or whose earlier attempt's outcome is unknown. */
    repeat: z.boolean().default(false),
  })
  .strict();

/** The reminder of an overdue letter, as reviewed (and maybe edited) and confirmed by the user. */
export const sendReminderSchema = z
  .object({
    caseId: z.number().int().positive(),
    to: z.string().min(1).max(4096),
    language,
    letter: z
      .object({
        subject: z.string().min(1).max(998),
        text: z.string().min(1).max(100_000),
        referenceToken,
      })
      .strict(),
    acceptNoReply: z.boolean().default(false),
    /** The recipient and channel as the confirmation screen listed them. */
    confirmation: z
      .array(z.object({ channel, to: z.string().min(1).max(4096) }).strict())
      .min(1)
      .max(1),
  })
  .strict();

export const batchTargetsSchema = z.union([
  z
    .object({
      accountId: accountId.optional(),
      by: z.enum(TRIAGE_GROUPINGS),
      keys: z.array(z.string().max(320).nullable()).min(1).max(MAX_BATCH_TARGETS),
    })
    .strict(),
  /** The sender of this message: its advertiser (else its address), every identity it hit. */
  z.object({ senderOf: messageId }).strict(),
]);

export type BatchTargetsInput = z.output<typeof batchTargetsSchema>;
export type SendReminderInput = z.output<typeof sendReminderSchema>;
export type SendObjectionInput = z.output<typeof sendObjectionSchema>;
export type ObjectionRequestInput = z.output<typeof objectionRequestSchema>;

export const objectionsCalls = {
  /** Every channel for a message: available with its recipient, or why not. */
  'objections.channels': call<ChannelOfferInfo[]>()(z.object({ messageId }).strict()),
  /** The GDPR letter for a message, to review and edit before sending. */
  'objections.letter': call<LetterPreview>()(
    z.object({ messageId, language, to: z.string().email().optional() }).strict(),
  ),
  /** The follow-up letter of an overdue case (two more weeks, then the complaint). */
  'objections.reminder': call<LetterPreview>()(
    z
      .object({
        caseId: z.number().int().positive(),
        language,
        /** Another recipient than the first letter's (its `noReply` is then about this one). */
        to: z.string().email().optional(),
      })
      .strict(),
  ),
  /** Sends the reminder the user confirmed, journaled like a letter; answers with the case. */
  'objections.sendReminder': call<CaseInfo>()(sendReminderSchema),
  /**
   * What a batch objection goes with: selected triage groups (`by` and their keys), or the
   * sender of a message. Nothing is sent: each target is then sent with `objections.send`.
   */
  'objections.batchTargets': call<BatchTargets>()(batchTargetsSchema),
  /** Sends what the user confirmed; answers with the case. Nothing leaves without confirmation. */
  'objections.send': call<CaseInfo>()(sendObjectionSchema),
  'objections.cases': call<CaseInfo[]>()(z.object({}).strict()),
  /** The company said it needs two more months (Art. 12(3)): the user records it. */
  'objections.extend': call<CaseInfo>()(z.object({ caseId: z.number().int().positive() }).strict()),
  'objections.close': call<CaseInfo>()(z.object({ caseId: z.number().int().positive() }).strict()),
  /** Matches replies and catches violations in an account's mail now (it also runs after each sync). */
  'objections.followUp': call<{ replies: number; violations: number }>()(
    z.object({ accountId }).strict(),
  ),
  /** Whether a Signal Spam account is saved: the page never sees its name or password. */
  'objections.signalSpamAccount': call<{ configured: boolean }>()(z.object({}).strict()),
  /** Forgets the Signal Spam account (reports then ask for one again). */
  'objections.removeSignalSpamAccount': call<{ removed: boolean }>()(z.object({}).strict()),
  /** The user's Signal Spam account, kept like account passwords. */
  'objections.setSignalSpamAccount': call<{ saved: true }>()(
    z.object({ user: z.string().min(1).max(320), password: z.string().min(1).max(1024) }).strict(),
  ),
} as const;
