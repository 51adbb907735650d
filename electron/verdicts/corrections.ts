/**
 * A user's correction: "I want / I don't want mail from this address (or
 * this domain)". What it is made on, the decision and token model it
 * updates, and which stored messages it can change: only those are scored
 * again. Also the messages an identity's change can affect.
 */
import { canonicalAddress, tokensForCorrection } from '../detect/index.js';
import type { Decision, DetectContext } from '../detect/types.js';
import { AppError } from '../errors.js';
import { domainOf, isFreemail, registrableDomain, summarizeHeaders } from '../mail-format/index.js';
import { loadTokenModel } from './context.js';
import type { CorrectionsReader } from './corrections.sql.js';
import type { DecisionsStore } from './decisions.sql.js';

export interface CorrectionRequest {
  messageId: number;
  decision: Decision;
  /** The sender's address, or its whole domain. */
  scope: 'address' | 'domain';
}

export interface CorrectionScopes {
  /**
   * Saves the decision and trains the token model on the message, read as
   * classification reads it; returns the ids of the messages the decision
   * applies to (NOT_FOUND, INVALID_INPUT when it cannot be made).
   */
  record(request: CorrectionRequest, context: DetectContext): number[];
  /** Messages to an identity (plus tags and Gmail dots included), and from its domain. */
  identityMessages(address: string): number[];
}

export function createCorrectionScopes(
  messages: CorrectionsReader,
  decisions: DecisionsStore,
): CorrectionScopes {
  return {
    record(request, context) {
      const row = messages.target(request.messageId);
      if (!row) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      // A message scanned a moment ago may not have its summary yet.
      const sender = (
        row.sender ??
        summarizeHeaders(row.headers).from?.address ??
        ''
      ).toLowerCase();
      const key = request.scope === 'domain' ? domainKey(row.advertiser, sender) : sender;
      if (!key)
        throw new AppError('INVALID_INPUT', 'This message has no sender address to decide on.');
      const model = loadTokenModel(decisions);
      const body =
        row.text || row.html
          ? { text: row.text ?? undefined, html: row.html ?? undefined }
          : undefined;
      model.train(
        tokensForCorrection({ rawHeaders: row.headers.toString('latin1'), body }, context),
        request.decision,
      );
      decisions.record(
        { sender: key, scope: request.scope, decision: request.decision },
        JSON.stringify(model.toJSON()),
        new Date().toISOString(),
      );
      return request.scope === 'domain' ? messages.fromDomain(key) : messages.fromAddress(key);
    },

    identityMessages(address) {
      const canonical = canonicalAddress(address).canonical;
      const hits = messages
        .seenIdentities()
        .filter((hit) => canonicalAddress(hit).canonical === canonical);
      const ids = new Set(messages.toIdentities(hits));
      // A work address's kind decides whether its domain is the user's own organisation.
      const domain = registrableDomain(domainOf(address));
      if (domain && !isFreemail(domain)) for (const id of messages.fromDomain(domain)) ids.add(id);
      return [...ids].sort((a, b) => a - b);
    },
  };
}

/**
 * The key of a domain decision: the advertiser detection named, else the
 * sender's registrable domain — what detection looks a decision up by
 * (a subdomain such as news.brand.fr would never match).
 */
function domainKey(advertiser: string | null, sender: string): string | null {
  if (advertiser) return advertiser;
  return sender ? registrableDomain(domainOf(sender)) : null;
}
