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
import type { Database } from '../store/db.js';
import { loadTokenModel, TOKEN_MODEL } from './context.js';

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

interface Target {
  sender: string | null;
  headers: Buffer;
  advertiser: string | null;
  text: string | null;
  html: string | null;
}

/** LIKE's wildcards written literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');

export function createCorrectionScopes(db: Database): CorrectionScopes {
  const target = db.prepare(`
    SELECT m.from_address AS sender, h.raw AS headers, c.advertiser_domain AS advertiser, e.text, e.html
    FROM messages m JOIN message_headers h ON h.message_id = m.id
    LEFT JOIN classifications c ON c.message_id = m.id
    LEFT JOIN message_excerpts e ON e.message_id = m.id WHERE m.id = ?`);
  const saveDecision = db.prepare(`
    INSERT INTO sender_decisions (sender, scope, decision, decided_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (sender) DO UPDATE SET decision = excluded.decision, scope = excluded.scope,
      decided_at = excluded.decided_at`);
  const saveModel = db.prepare(`
    INSERT INTO models (name, data, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`);
  const fromAddress = db
    .prepare(`SELECT id FROM messages WHERE from_address = ? COLLATE NOCASE ORDER BY id`)
    .pluck();
  // LIKE ignores ASCII case: "@Brand.fr" and "@news.brand.fr" both belong to brand.fr.
  const fromDomain = db
    .prepare(
      `SELECT m.id FROM messages m LEFT JOIN classifications c ON c.message_id = m.id
       WHERE c.advertiser_domain = @domain OR m.from_address LIKE '%@' || @like ESCAPE '\\'
         OR m.from_address LIKE '%.' || @like ESCAPE '\\'
       ORDER BY m.id`,
    )
    .pluck();
  const identities = db
    .prepare(`SELECT DISTINCT identity FROM classifications WHERE identity IS NOT NULL`)
    .pluck();
  const toIdentities = db
    .prepare(
      `SELECT message_id FROM classifications WHERE identity IN (SELECT value FROM json_each(?)) ORDER BY message_id`,
    )
    .pluck();

  const domainMessages = (domain: string) =>
    fromDomain.all({ domain, like: likeLiteral(domain) }) as number[];

  return {
    record(request, context) {
      const row = target.get(request.messageId) as Target | undefined;
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
      const model = loadTokenModel(db);
      const body =
        row.text || row.html
          ? { text: row.text ?? undefined, html: row.html ?? undefined }
          : undefined;
      model.train(
        tokensForCorrection({ rawHeaders: row.headers.toString('latin1'), body }, context),
        request.decision,
      );
      const now = new Date().toISOString();
      db.transaction(() => {
        saveDecision.run(key, request.scope, request.decision, now);
        saveModel.run(TOKEN_MODEL, JSON.stringify(model.toJSON()), now);
      })();
      return request.scope === 'domain' ? domainMessages(key) : (fromAddress.all(key) as number[]);
    },

    identityMessages(address) {
      const canonical = canonicalAddress(address).canonical;
      const hits = (identities.all() as string[]).filter(
        (hit) => canonicalAddress(hit).canonical === canonical,
      );
      const ids = new Set(toIdentities.all(JSON.stringify(hits)) as number[]);
      // A work address's kind decides whether its domain is the user's own organisation.
      const domain = registrableDomain(domainOf(address));
      if (domain && !isFreemail(domain)) for (const id of domainMessages(domain)) ids.add(id);
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
