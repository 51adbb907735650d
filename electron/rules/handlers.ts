/** The rules slice of the API. */
import type { Handlers } from '../../shared/api/define.js';
import type { rulesCalls } from '../../shared/api/rules.js';
import type { RulesService } from './service.js';

/** `service` is built on the first call: the core composes the slices before any service is used. */
export function rulesHandlers(service: () => RulesService): Handlers<typeof rulesCalls> {
  let built: RulesService | undefined;
  const rules = () => (built ??= service());
  return {
    'rules.list': () => rules().list(),
    'rules.save': (input) => rules().save(input),
    'rules.remove': ({ id }) => ({ removed: rules().remove(id) }),
    'rules.reorder': ({ ids }) => rules().reorder(ids),
    'rules.suggestions': () => rules().suggestions(),
    'rules.dryRun': (input) => rules().dryRun(input),
    'rules.run': (input) => rules().run(input),
    'rules.history': (query) => rules().history(query),
    'rules.undoRun': ({ id }) => rules().undoRun(id),
    'rules.block': (input) => rules().block(input),
    'rules.getSettings': () => rules().getSettings(),
    'rules.setSettings': (input) => rules().setSettings(input),
  };
}
