/**
 * The plan of a complaint bundle: its files in order, each produced when it is
 * written (a message's source is read from the store then, one at a time, so
 * a large case never sits in memory): the originals byte for byte (named by
 * date and sender), the requests as sent with their proof, the answers, each
 * message's authentication, the timeline, then the documents for people (the
 * report, the CNIL text). The seal over all of it is written last (export.ts).
 */
import { createHash } from 'node:crypto';
import type { MessageDetail } from '../../shared/types.js';
import { AppError } from '../errors.js';
import { messageSourceFileName, safeFileNamePart } from '../platform/file-names.js';
import type { KeptAuthentication } from './authentication.js';
import { firstObjection, type CaseFacts, type SentObjection } from './case-facts.js';
import type { BundleFiles } from './manifest.js';
import { timelineCsv, timelineOf, type TimelineEvent } from './timeline.js';

/** What the bundle reads of each message. */
export interface CaseMaterial {
  message(id: number): MessageDetail | null;
  /** The kept source, byte for byte; null when it could not be had. */
  raw(id: number): Buffer | null;
  authentication(id: number): KeptAuthentication | null;
}

export type BundleLang = 'fr' | 'en';

/**
 * What the bundle's documents read of a message: a few fields, not its headers (a case of
 * thousands of messages keeps this for each until its documents are written).
 */
export type BundledDetail = Pick<
  MessageDetail,
  'id' | 'messageId' | 'date' | 'subject' | 'from'
> & {
  classification: Pick<NonNullable<MessageDetail['classification']>, 'legalFlags'> | null;
};

/** A message as the bundle holds it. */
export interface BundledMessage {
  id: number;
  role: 'marketing' | 'violation' | 'reply';
  detail: BundledDetail;
  /** Its file in the bundle; null when its source could not be had. */
  file: string | null;
  authentication: KeptAuthentication | null;
}

export interface BundledObjection extends SentObjection {
  file: string | null;
  proofFile: string | null;
}

/** Everything the documents are written from. */
export interface CaseDocument {
  facts: CaseFacts;
  lang: BundleLang;
  createdAt: string;
  messages: BundledMessage[];
  objections: BundledObjection[];
  timeline: TimelineEvent[];
}

/** The people's documents (report, CNIL text), written from the same facts. */
export type DocumentWriter = (doc: CaseDocument) => Promise<BundleFiles>;

/** One file of the bundle: its path, and its bytes when asked (a source is read then). */
export interface PlannedFile {
  path: string;
  bytes(): Buffer;
}

export interface BundlePlan {
  doc: CaseDocument;
  /** Every file but the seal (manifest.json, SHA256SUMS), in the order they are written. */
  files: PlannedFile[];
}

export async function planBundle(
  facts: CaseFacts,
  material: CaseMaterial,
  o: { lang: BundleLang; createdAt: string; documents: DocumentWriter[] },
): Promise<BundlePlan> {
  const files: PlannedFile[] = [];
  const names = new Set<string>();
  const violations = new Set(facts.violations);
  // Plain spam: the user asked the advertiser nothing (at most reported it to others).
  const spam = firstObjection(facts) === undefined;
  const bundled = (id: number, role: BundledMessage['role']): BundledMessage[] => {
    const full = material.message(id);
    if (!full) return [];
    const detail = slim(full);
    // Read to learn the source is there, then let go: it is read again when written.
    const present = material.raw(id) !== null;
    const folder = role === 'reply' ? 'replies' : 'messages';
    const file = present ? `${folder}/${unique(names, messageSourceFileName(detail))}` : null;
    const authentication = material.authentication(id);
    if (file) {
      const source = () => sourceOf(material, id);
      files.push({ path: file, bytes: source });
      if (spam && folder === 'messages')
        files.push({ path: `signal-spam/${file.slice('messages/'.length)}`, bytes: source });
      if (authentication)
        files.push({
          path: `authentication/${baseName(file)}.json`,
          bytes: () => json(authenticationRecord(file, detail, authentication)),
        });
    }
    return [{ id, role, detail, file, authentication }];
  };
  const messages = [
    ...facts.messages.flatMap((id) => bundled(id, violations.has(id) ? 'violation' : 'marketing')),
    ...facts.replies.flatMap((id) => bundled(id, 'reply')),
  ];
  const objections = facts.objections.map((o, i) => bundledObjection(files, o, i + 1));
  const reports = objections.filter((o) => o.channel === 'signal-spam');
  if (spam && reports.length) {
    const status = json(reports.map(reportStatus));
    files.push({ path: SIGNAL_SPAM_STATUS, bytes: () => status });
  }
  const timeline = timelineOf(facts, messages, objections);
  const csv = Buffer.from(timelineCsv(timeline));
  files.push({ path: 'timeline.csv', bytes: () => csv });
  const doc: CaseDocument = {
    facts,
    lang: o.lang,
    createdAt: o.createdAt,
    messages,
    objections,
    timeline,
  };
  for (const write of o.documents)
    for (const [p, bytes] of await write(doc)) files.push({ path: p, bytes: () => bytes });
  return { doc, files };
}

/** The Signal Spam reports made through the objections capability, with what it answered. */
export const SIGNAL_SPAM_STATUS = 'signal-spam/report-status.json';

function reportStatus(o: BundledObjection) {
  return {
    service: 'signal-spam.fr',
    sentAt: o.sentAt,
    answer: o.proof?.response ?? null,
    proofFile: o.proofFile,
  };
}

function slim(d: MessageDetail): BundledDetail {
  const { id, messageId, date, subject, from, classification } = d;
  return {
    id,
    messageId,
    date,
    subject,
    from,
    classification: classification && { legalFlags: classification.legalFlags },
  };
}

function sourceOf(material: CaseMaterial, id: number): Buffer {
  const raw = material.raw(id);
  if (!raw)
    throw new AppError('NOT_FOUND', `The source of message ${id} is no longer kept; export again.`);
  return raw;
}

function bundledObjection(files: PlannedFile[], o: SentObjection, n: number): BundledObjection {
  const stem = `objections/${o.sentAt.slice(0, 10)}-${n}-${safeFileNamePart(o.channel) || 'request'}`;
  const raw = o.raw;
  const file = raw ? `${stem}.eml` : null;
  if (file && raw) files.push({ path: file, bytes: () => raw });
  const proofFile = o.proof ? `${stem}-proof.json` : null;
  if (proofFile && o.proof) {
    const proof = json({
      channel: o.channel,
      to: o.to,
      sentAt: o.sentAt,
      sha256: o.raw ? sha256(o.raw) : null,
      answer: o.proof.response,
      proof: o.proof.record,
    });
    files.push({ path: proofFile, bytes: () => proof });
  }
  return { ...o, file, proofFile };
}

/**
 * What authentication/<message>.json says: our DKIM verification (repeatable offline), our SPF
 * and DMARC check (against DNS as it was when checked), and the receiving server's own results
 * (against DNS of the day it took the message), each saying which it is.
 */
function authenticationRecord(file: string, detail: BundledDetail, a: KeptAuthentication) {
  const c = a.spfDmarc;
  return {
    file,
    messageId: detail.messageId,
    sourceSha256: a.sourceSha256,
    verifiedAt: a.verifiedAt,
    dkim: {
      result: a.dkimResult,
      domain: a.dkimDomain,
      selector: a.dkimSelector,
      signatures: a.signatures,
    },
    spfDmarc: c && {
      about: `checked by Inbox Guard on ${c.checkedAt}, against DNS as it was then (not as it was when the message was received), from the connecting IP, HELO name and Return-Path the receiving server recorded`,
      checkedAt: c.checkedAt,
      spf: {
        result: c.spf,
        notCheckable: c.spfReason,
        domain: c.spfDomain,
        ip: c.spfIp,
        helo: c.spfHelo,
        record: c.spfRecord,
      },
      dmarc: {
        result: c.dmarc,
        notCheckable: c.dmarcReason,
        policy: c.dmarcPolicy,
        record: c.dmarcRecord,
        fromDomain: c.fromDomain,
      },
    },
    receivedAuthenticationResults: a.receivedResults,
    receivedAuthenticationResultsAbout:
      'written by the receiving server when it took the message, against DNS as it was that day; kept as received',
  };
}

/** A file name no other message has, in any folder (authentication/ is named after it). */
function unique(names: Set<string>, wanted: string): string {
  let name = wanted;
  for (let n = 2; names.has(name); n++) name = wanted.replace(/(\.[a-z]+)$/, `-${n}$1`);
  names.add(name);
  return name;
}

/** `messages/2026-09-15-Boutique.eml` → `2026-09-15-Boutique`. */
export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.[a-z]+$/, '');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value, null, 2) + '\n');
}
