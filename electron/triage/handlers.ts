/** The triage slice of the API: unsolicited mail grouped, and a group's messages. */
import type { Handlers } from '../../shared/api/define.js';
import type { triageCalls } from '../../shared/api/triage.js';
import type { TriageReader } from './triage.sql.js';

const WEEK_MS = 7 * 86_400_000;

export function triageHandlers(d: {
  triage: TriageReader;
  now?: () => Date;
}): Handlers<typeof triageCalls> {
  return {
    'triage.groups': ({ by, accountId }) => d.triage.groups(by, accountId ?? null),
    'triage.groupPage': ({ by, accountId, offset, limit }) =>
      d.triage.groupPage(by, accountId ?? null, offset, limit),
    'triage.messages': ({ by, key, accountId, offset, limit }) =>
      d.triage.messages(by, key, accountId ?? null, offset, limit),
    'triage.perWeek': ({ accountId, weeks }) => {
      const now = (d.now?.() ?? new Date()).getTime();
      const since = new Date(now - weeks * WEEK_MS).toISOString().slice(0, 10);
      return d.triage.perWeek(accountId ?? null, since);
    },
  };
}
