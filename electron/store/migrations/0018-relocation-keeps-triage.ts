import type { Migration } from './types.js';
import { isUnsolicited, reevaluate } from './0017-triage-summary-triggers.js';

/** Whether folder `id` is one the triage leaves out (Trash, Junk). */
const hidden = (id: string) =>
  `(SELECT COALESCE(special_use, '') IN ('trash', 'junk') FROM folders WHERE id = ${id})`;

/**
 * Migration 0018's version of `triage_location_changed`: a place that changes folder, same
 * message and account, between two folders the triage counts alike (our own moves, relocated in
 * place) changes no membership, so nothing is re-evaluated. Every other update still is: a
 * merge, a folder turned Trash or Junk (its places are "updated" to themselves), a move into or
 * out of Trash or Junk.
 */
const LOCATION_CHANGED_TRIGGER = `
  CREATE TRIGGER triage_location_changed
  AFTER UPDATE OF folder_id, message_id, account_id ON message_locations
  WHEN NOT (OLD.message_id = NEW.message_id AND OLD.account_id = NEW.account_id
      AND OLD.folder_id <> NEW.folder_id
      AND ${hidden('OLD.folder_id')} = ${hidden('NEW.folder_id')})
    AND (${isUnsolicited('OLD.message_id')} OR ${isUnsolicited('NEW.message_id')})
  BEGIN ${reevaluate('OLD.message_id')} ${reevaluate('NEW.message_id')} END;
`;

/**
 * Our own moves relocate a place in one UPDATE (mailbox/locations.sql.ts); the triage summary
 * re-evaluates it only when the move can change what the triage counts (see the trigger).
 */
export const migration0018: Migration = {
  version: 18,
  name: 'relocation-keeps-triage',
  up(db) {
    db.exec(`DROP TRIGGER triage_location_changed; ${LOCATION_CHANGED_TRIGGER}`);
  },
};
