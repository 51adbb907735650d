import type { Migration } from './types.js';

/**
 * Detection's relationship signals in a classification's detail (`{"signals":[...],
 * "legalFlags"...`): the search stops at the end of the signals (a quote inside a string is
 * escaped, so that marker cannot come from a message) and reads the whole detail when it is
 * shaped otherwise. The rules' preselect reads the related messages through the index below,
 * with this very expression (SQLite uses a partial index only for its own WHERE).
 */
export const RELATED_BY_SIGNALS = `(CASE
    WHEN substr(detail, 1, 12) = '{"signals":[' AND instr(detail, '],"legalFlags"') > 0
    THEN instr(substr(detail, 1, instr(detail, '],"legalFlags"')), '"code":"reply_in_thread"') > 0
      OR instr(substr(detail, 1, instr(detail, '],"legalFlags"')), '"code":"wrote_to_sender"') > 0
    ELSE instr(detail, '"code":"reply_in_thread"') > 0
      OR instr(detail, '"code":"wrote_to_sender"') > 0
  END)`;

/**
 * The messages detection found a reply or a letter of the user's in: a rules dry run read each
 * candidate's detail for them (a third of its time over 100,000 messages); this index holds
 * only them, so the preselect reads a short list instead.
 */
export const migration0021: Migration = {
  version: 21,
  name: 'rules-relationship-index',
  up(db) {
    db.exec(
      `CREATE INDEX classifications_related ON classifications (message_id)
        WHERE ${RELATED_BY_SIGNALS}`,
    );
  },
};
