import { migration0001 } from './0001-accounts.js';
import { migration0002 } from './0002-mailbox.js';
import { migration0003 } from './0003-sync.js';
import { migration0004 } from './0004-excerpts.js';
import { migration0005 } from './0005-settings.js';
import { migration0006 } from './0006-detection.js';
import { migration0007 } from './0007-header-store.js';
import { migration0008 } from './0008-message-locations.js';
import { migration0009 } from './0009-journal.js';
import { migration0010 } from './0010-detection-evidence.js';
import { migration0011 } from './0011-rules.js';
import { migration0012 } from './0012-objection-cases.js';
import { migration0013 } from './0013-message-authentication.js';
import { migration0014 } from './0014-sender-index.js';
import { migration0015 } from './0015-triage-index.js';
import { migration0016 } from './0016-spf-dmarc.js';
import { migration0017 } from './0017-triage-summary.js';
import { migration0018 } from './0018-relocation-keeps-triage.js';
import { migration0019 } from './0019-verdict-batches-keep-triage.js';
import { migration0020 } from './0020-customer-domains-index.js';
import { migration0021 } from './0021-rules-relationship-index.js';
import { migration0022 } from './0022-moves-without-trigger.js';
import type { Migration } from './types.js';

/** Every migration, in order. Add new ones at the end; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
  migration0021,
  migration0022,
];

export type { Migration } from './types.js';
