/** The objections slice of the API. */
import type { Handlers } from '../../shared/api/define.js';
import type { objectionsCalls } from '../../shared/api/objections.js';
import type { ObjectionsService } from './service.js';

export function objectionsHandlers(o: ObjectionsService): Handlers<typeof objectionsCalls> {
  return {
    'objections.channels': ({ messageId }) => o.channels(messageId),
    'objections.letter': (input) => o.letter(input),
    'objections.reminder': (input) => o.reminder(input),
    'objections.batchTargets': (input) => o.batchTargets(input),
    'objections.send': (input) => o.send(input),
    'objections.sendReminder': (input) => o.sendReminder(input),
    'objections.cases': () => o.cases(),
    'objections.extend': ({ caseId }) => o.extend(caseId),
    'objections.close': ({ caseId }) => o.close(caseId),
    'objections.followUp': ({ accountId }) => o.followUp(accountId),
    'objections.signalSpamAccount': () => ({ configured: o.signalSpamConfigured() }),
    'objections.removeSignalSpamAccount': () => ({ removed: o.removeSignalSpamAccount() }),
    'objections.setSignalSpamAccount': ({ user, password }) => {
      o.setSignalSpamAccount(user, password);
      return { saved: true as const };
    },
  };
}
