/** The triage slice of the API: unsolicited mail grouped, and a group's messages. */
import type { Handlers } from '../../shared/api/define.js';
import type { triageCalls } from '../../shared/api/triage.js';
import type { TriageReader } from './triage.sql.js';

export function triageHandlers(d: { triage: TriageReader }): Handlers<typeof triageCalls> {
  return {
    'triage.groups': ({ by, accountId }) => d.triage.groups(by, accountId ?? null),
    'triage.messages': ({ by, key, accountId, offset, limit }) =>
      d.triage.messages(by, key, accountId ?? null, offset, limit),
  };
}
