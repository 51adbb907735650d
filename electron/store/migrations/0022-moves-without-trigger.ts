import type { Migration } from './types.js';
import { isUnsolicited, reevaluate } from './0017-triage-summary-triggers.js';

/**
 * The triage summary no longer watches a place's folder: `triage_location_changed` fires on a
 * change of message or account only. Its WHEN (migration 0018) kept our own moves from
 * re-evaluating anything, but SQLite still ran the trigger's program for every moved row: about
 * half the time of recording a large move.
 *
 * What re-evaluated a membership through the folder now does so otherwise:
 * - a move into or out of Trash or Junk is recorded as a new place and a removed one
 *   (mailbox/locations.sql.ts), which the insert and delete triggers re-evaluate; our moves
 *   between two counted folders change nothing the triage counts;
 * - a folder turned into Trash or Junk (or back) touches its places' message, not their folder.
 * A place's folder must never change by a bare UPDATE across that line (locations.sql.ts is the
 * only writer of places; test/store/triage-summary.test.ts moves through it).
 */
const LOCATION_CHANGED_TRIGGER = `
  CREATE TRIGGER triage_location_changed
  AFTER UPDATE OF message_id, account_id ON message_locations
  WHEN ${isUnsolicited('OLD.message_id')} OR ${isUnsolicited('NEW.message_id')}
  BEGIN ${reevaluate('OLD.message_id')} ${reevaluate('NEW.message_id')} END;
`;

const FOLDER_USE_CHANGED_TRIGGER = `
  CREATE TRIGGER triage_folder_use_changed AFTER UPDATE OF special_use ON folders
  WHEN (COALESCE(OLD.special_use, '') IN ('trash', 'junk'))
    IS NOT (COALESCE(NEW.special_use, '') IN ('trash', 'junk'))
  BEGIN
    UPDATE message_locations SET message_id = message_id WHERE folder_id = NEW.id;
  END;
`;

export const migration0022: Migration = {
  version: 22,
  name: 'moves-without-trigger',
  up(db) {
    db.exec(`DROP TRIGGER triage_location_changed; ${LOCATION_CHANGED_TRIGGER}
      DROP TRIGGER triage_folder_use_changed; ${FOLDER_USE_CHANGED_TRIGGER}`);
  },
};
