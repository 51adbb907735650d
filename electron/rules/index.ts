export { createRulesService, type RulesService, type RulesServiceDeps } from './service.js';
export { createRulesStore, type RulesStore } from './rules.sql.js';
export { rulesHandlers } from './handlers.js';
export { DEFAULT_MIN_CONFIDENCE } from './confidence.js';
export { followNewMail, type NewMailFollower } from './follow.js';
export { createRuleScheduler, dueRules, type RuleScheduler } from './schedule.js';
