/** The built-in suggestions: rules the user may switch on, all off until saved. */
import type { RuleSuggestion } from '../../shared/api/rules.js';

export const SUGGESTIONS: readonly RuleSuggestion[] = [
  {
    key: 'cold-prospecting-professional',
    names: {
      en: 'Cold prospecting to professional addresses → Prospection',
      fr: 'Prospection à froid vers les adresses professionnelles → Prospection',
    },
    draft: {
      name: 'Cold prospecting to professional addresses → Prospection',
      enabled: false,
      accountId: null,
      match: 'all',
      conditions: [
        { field: 'verdict', verdicts: ['cold_prospecting'] },
        { field: 'quadrant', kind: 'professional' },
      ],
      actions: [{ type: 'move', folder: 'Prospection' }],
      stop: true,
      allowPurge: false,
    },
  },
  {
    key: 'old-newsletters-trash',
    names: {
      en: 'Newsletters older than 30 days → Trash',
      fr: 'Newsletters de plus de 30 jours → Corbeille',
    },
    draft: {
      name: 'Newsletters older than 30 days → Trash',
      enabled: false,
      accountId: null,
      match: 'all',
      conditions: [
        { field: 'verdict', verdicts: ['newsletter'] },
        { field: 'age', olderThanDays: 30 },
      ],
      actions: [{ type: 'trash' }],
      stop: true,
      allowPurge: false,
    },
  },
  {
    key: 'blocked-routers-trash',
    names: {
      en: 'Everything from blocked routers → Trash',
      fr: 'Tout ce qui vient des routeurs bloqués → Corbeille',
    },
    draft: {
      name: 'Everything from blocked routers → Trash',
      enabled: false,
      accountId: null,
      match: 'all',
      conditions: [{ field: 'blockedRouter' }],
      actions: [{ type: 'trash' }],
      stop: true,
      allowPurge: false,
    },
  },
  {
    key: 'leaked-private-promotions',
    names: {
      en: 'Promotions to a private address that leaked → Fuites',
      fr: 'Promotions vers une adresse privée qui a fuité → Fuites',
    },
    draft: {
      name: 'Promotions to a private address that leaked → Fuites',
      enabled: false,
      accountId: null,
      match: 'all',
      conditions: [
        { field: 'verdict', verdicts: ['newsletter'] },
        { field: 'quadrant', visibility: 'private', leaked: true },
      ],
      actions: [{ type: 'move', folder: 'Fuites' }],
      stop: true,
      allowPurge: false,
    },
  },
];
