/**
 * Evidence for a complaint: the cases (advertisers with unsolicited mail),
 * DKIM kept at receipt, a case exported as a bundle (folder and ZIP under the
 * data folder's exports/), the bundle checked, and the ZIP delivered.
 */
import { z } from 'zod';
import type { FileDelivery } from '../types.js';
import { call } from './define.js';

export interface EvidenceCase {
  /** The advertiser's registrable domain. */
  domain: string;
  name: string | null;
  messages: number;
  firstAt: string | null;
  lastAt: string | null;
  /** The user's first objection to it; null when none was made. */
  objectedAt: string | null;
}

/**
 * Why SPF or DMARC could not be checked from a message's headers (never guessed):
 * no Received header names a connecting IP in brackets; one above it names an IP without
 * brackets (Microsoft 365 writes its hops so: the one in brackets may be the sender's own,
 * forgeable); that IP is private or loopback (a hop
 * inside the user's provider); the hop names no HELO; there is no Return-Path; for DMARC, SPF
 * could not be checked and no DKIM signature aligns, or the From field has no single domain.
 */
export type UncheckableReason =
  | 'no-received-ip'
  | 'unbracketed-hop'
  | 'internal-hop'
  | 'no-helo'
  | 'no-return-path'
  | 'spf-not-checkable'
  | 'no-author-domain'
  | 'multiple-author-domains'
  | 'invalid-author-domain'
  | 'multiple-from-fields';

/**
 * SPF and DMARC as we checked them, from the hop where the user's receiving server took the
 * message, against DNS as it was when checked (not as it was on the day of receipt: the
 * receiving server's own Authentication-Results say that).
 */
export interface SpfDmarcCheck {
  /** pass, fail, softfail, neutral, none, temperror, permerror; null when not checkable. */
  spf: string | null;
  spfReason: UncheckableReason | null;
  /** The domain checked (the Return-Path's, or the HELO name's for a null sender). */
  spfDomain: string | null;
  spfIp: string | null;
  spfHelo: string | null;
  /** The SPF record the result came from. */
  spfRecord: string | null;
  /** pass, fail, none, temperror, permerror; null when not checkable. */
  dmarc: string | null;
  dmarcReason: UncheckableReason | null;
  /** The policy that applies to the From domain: none, quarantine, reject. */
  dmarcPolicy: string | null;
  dmarcRecord: string | null;
  fromDomain: string | null;
  checkedAt: string;
}

export interface MessageAuthenticationInfo {
  messageId: number;
  sourceSha256: string;
  /** pass, fail, neutral, policy, temperror, none (unsigned). */
  dkimResult: string;
  dkimDomain: string | null;
  dkimSelector: string | null;
  dkimKeyRecord: string | null;
  receivedResults: string[];
  verifiedAt: string;
  spfDmarc: SpfDmarcCheck | null;
}

export interface BundleCheck {
  ok: boolean;
  intact: number;
  problems: Array<{ path: string; problem: 'altered' | 'missing' | 'unexpected'; detail: string }>;
  dkim: Array<{ file: string; kept: string; now: string }>;
  /** SPF/DMARC as kept in the bundle: cannot be repeated offline (they need the DNS of that day). */
  spfDmarc: Array<{ file: string; spf: string | null; dmarc: string | null; checkedAt: string }>;
}

export interface ExportedEvidence {
  advertiser: string;
  /** The bundle's name: its folder (and `<name>.zip`) under exports/. */
  bundle: string;
  folder: string;
  zip: string;
  files: number;
  messages: number;
  violations: number;
  createdAt: string;
  /** The bundle checked as written. */
  check: BundleCheck;
}

const domain = z
  .string()
  .min(3)
  .max(253)
  .regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/i, 'a domain name, like exemple.fr');
/** A bundle's name under exports/ (never a path). */
const bundle = z
  .object({ bundle: z.string().regex(/^inbox-guard-[a-z0-9.-]+-[0-9-]+$/i) })
  .strict();

export const evidenceCalls = {
  /** Advertisers with unsolicited mail, those objected to first. */
  'evidence.cases': call<EvidenceCase[]>()(z.object({}).strict()),
  /** Fetches (once) the messages' sources and keeps their DKIM verification. */
  'evidence.authenticate': call<MessageAuthenticationInfo[]>()(
    z.object({ ids: z.array(z.number().int().positive()).min(1).max(5000) }).strict(),
  ),
  /** Exports a case as a bundle (a job with progress), then checks it. */
  'evidence.export': call<ExportedEvidence>()(
    z
      .object({
        advertiser: domain,
        lang: z.enum(['fr', 'en']).default('fr'),
        identity: z.email().max(320).optional(),
        since: z.iso.datetime().optional(),
        until: z.iso.datetime().optional(),
      })
      .strict(),
  ),
  /** Checks an exported bundle again (hashes, DKIM offline). */
  'evidence.verify': call<BundleCheck>()(bundle),
  /** The bundle's ZIP, saved (desktop) or downloaded (browser). */
  'evidence.saveZip': call<FileDelivery>()(bundle),
} as const;
