/**
 * Per message, what its header block says about unsubscribing and signing
 * (List-Unsubscribe URIs, List-Unsubscribe-Post, DKIM-Signature tags): what
 * an objection and a complaint cite. Detection writes it on the writer thread
 * from the parse it makes anyway; objections and evidence read it here.
 */
import type { DkimSignatureTags, HeaderEvidence } from '../mail-format/index.js';
import type { Database } from '../store/db.js';

export interface HeaderEvidenceReader {
  /** Null when the message's block was not read yet (or the message is unknown). */
  read(messageId: number): HeaderEvidence | null;
}

export interface HeaderEvidenceWriter {
  /** Replaces what is kept for a message (written once its block was read). */
  save(messageId: number, evidence: HeaderEvidence): void;
}

export type HeaderEvidenceStore = HeaderEvidenceReader & HeaderEvidenceWriter;

export function createHeaderEvidenceStore(db: Database): HeaderEvidenceStore {
  const upsert = db.prepare(`
    INSERT INTO message_header_evidence (message_id, list_unsubscribe, list_unsubscribe_post, dkim_signatures)
    VALUES (?, ?, ?, ?)
    ON CONFLICT (message_id) DO UPDATE SET list_unsubscribe = excluded.list_unsubscribe,
      list_unsubscribe_post = excluded.list_unsubscribe_post, dkim_signatures = excluded.dkim_signatures`);
  const select = db.prepare(
    `SELECT list_unsubscribe, list_unsubscribe_post, dkim_signatures FROM message_header_evidence WHERE message_id = ?`,
  );
  return {
    save(messageId, evidence) {
      upsert.run(
        messageId,
        JSON.stringify(evidence.listUnsubscribe),
        evidence.listUnsubscribePost,
        JSON.stringify(evidence.dkimSignatures),
      );
    },
    read(messageId) {
      const row = select.get(messageId) as
        | {
            list_unsubscribe: string;
            list_unsubscribe_post: string | null;
            dkim_signatures: string;
          }
        | undefined;
      if (!row) return null;
      return {
        listUnsubscribe: JSON.parse(row.list_unsubscribe) as string[],
        listUnsubscribePost: row.list_unsubscribe_post,
        dkimSignatures: JSON.parse(row.dkim_signatures) as DkimSignatureTags[],
      };
    },
  };
}
