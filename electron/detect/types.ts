/**
 * The contract of detection: what it needs from the rest of the app (the
 * user's identities, the relationship index, decisions, a token model) and
 * what it returns for each message. The store implements the lookups; tests
 * and the CLI use the in-memory versions in memory.ts.
 */
import type { RouterKind } from './routers/types.js';
import type { ParsedHeaders } from '../mail-format/index.js';

// The verdicts are part of the contract with the UI: one list, in shared/.
import type { Verdict } from '../../shared/types.js';
export { VERDICTS, type Verdict } from '../../shared/types.js';

export type IdentityKind = 'personal' | 'professional';
export type IdentityVisibility = 'private' | 'public';

export interface Identity {
  address: string;
  kind: IdentityKind;
  visibility: IdentityVisibility;
  /** Other addresses that deliver to the same mailbox. */
  aliases?: string[];
}

/** The relationship index, built from the Sent folder and threads. */
export interface RelationshipLookup {
  hasWrittenTo(address: string): boolean;
  hasWrittenToDomain(domain: string): boolean;
  /** True when one of these Message-IDs is a message the user sent. */
  isReplyToOwnMessage(messageIds: string[]): boolean;
  /** True when a subscription confirmation from this domain was found. */
  hasConfirmedSubscription?(domain: string): boolean;
  /**
   * True when the user is this domain's customer: an order, a receipt or
   * account mail (transactional mail) came from it.
   */
  isCustomerOf?(domain: string): boolean;
}

export type Decision = 'wanted' | 'unwanted';

export interface SenderDecisions {
  /** Decision for an address, else for its registrable domain. */
  decisionFor(address: string, domain: string | null): Decision | null;
}

export interface TokenScorer {
  /** Log-odds that mail with these tokens is unwanted (positive) or wanted (negative). */
  logOdds(tokens: readonly string[]): number;
  /** Number of corrections the model was trained on. */
  readonly trainedOn: number;
  /** False while logOdds answers 0 whatever the tokens (too few corrections of either kind). */
  readonly canScore: boolean;
}

export interface DetectContext {
  identities: readonly Identity[];
  relationship: RelationshipLookup;
  /** Registrable domains of the user's own organisation(s). */
  ownDomains: readonly string[];
  decisions: SenderDecisions;
  tokenModel?: TokenScorer | null;
  /** Extra receiving domains to trust (when the mailbox host uses several). */
  receivingDomains?: readonly string[];
  /** Advertiser domains the user marked "unrelated to my job". */
  unrelatedToJob?: ReadonlySet<string>;
  /** Advertiser domain -> ISO date of the objection sent to it. */
  objections?: ReadonlyMap<string, string>;
}

export interface MessageInput {
  /** The raw header block as stored (latin1-preserving). */
  rawHeaders: string;
  /** Optional body excerpt, up to 64 KB each. */
  body?: { text?: string; html?: string };
  /** `rawHeaders` already parsed by the caller (who needed other fields from it). */
  parsed?: ParsedHeaders;
}

/**
 * A reason behind a verdict: its code and what its sentences are made from.
 * Detection gives these; the sentences are made when a signal is shown
 * (wordedSignal, storedSignal), as the store keeps only code and params.
 */
export interface Signal {
  code: string;
  params?: Readonly<Record<string, string>>;
}

/** A signal in words, in English and French. */
export interface WordedSignal extends Signal {
  en: string;
  fr: string;
}

/** Legal flags keep their sentences (a flag's wording may depend on the day it was made). */
export type LegalFlag = WordedSignal;

export interface RouterInfo {
  id: string;
  name: string;
  kind: RouterKind;
  accountId: string | null;
  abuse: string | null;
  /** verified: seen by the receiving side; claimed: only the sender's headers say so. */
  confidence: 'verified' | 'claimed';
}

export interface AdvertiserInfo {
  /** Registrable domain (news.brand.fr -> brand.fr). */
  domain: string;
  name: string | null;
  privacyContact: string | null;
  /** True when a DKIM signature of the From domain verified (or, lacking results, exists). */
  aligned: boolean;
}

export interface Classification {
  verdict: Verdict;
  /** Confidence in the verdict, 0..1. */
  score: number;
  /** True for marketing or spam the user did not ask for (relationship-aware). */
  unsolicited: boolean;
  signals: Signal[];
  router: RouterInfo | null;
  advertiser: AdvertiserInfo | null;
  /** The user's address the message was sent to, or null. */
  identity: string | null;
  plusTag: string | null;
  /** A private identity received unsolicited marketing: the address leaked. */
  identityLeaked: boolean;
  /**
   * The discussion list that delivered the message (its List-Id), kept whatever
   * the verdict so that no rule blocks the list itself for one promotion it carried.
   */
  list: string | null;
  legalFlags: LegalFlag[];
}
