/** The router table: every platform we recognise, as data. */
import {
  CORPUS_CAMPAIGN_ROUTERS,
  CORPUS_ESP_ROUTERS,
  CORPUS_SERVICE_ROUTERS,
} from './corpus-platforms.js';
import { BRIEF_ROUTERS } from './brief-platforms.js';
import { ENTERPRISE_ROUTERS } from './enterprise.js';
import { ESP_ROUTERS } from './esp.js';
import { MARKETING_ROUTERS } from './marketing.js';
import { OUTREACH_ROUTERS } from './outreach.js';
import type { RouterEntry } from './types.js';

export type { RouterEntry, RouterKind, HeaderRule, AccountIdRule, AccountSource } from './types.js';

export const ROUTERS: readonly RouterEntry[] = [
  ...ESP_ROUTERS,
  ...MARKETING_ROUTERS,
  ...ENTERPRISE_ROUTERS,
  ...OUTREACH_ROUTERS,
  ...CORPUS_ESP_ROUTERS,
  ...CORPUS_CAMPAIGN_ROUTERS,
  ...CORPUS_SERVICE_ROUTERS,
  ...BRIEF_ROUTERS,
];

export function findRouter(id: string): RouterEntry | undefined {
  return ROUTERS.find((entry) => entry.id === id);
}

/**
 * Mailbox providers people (and cold-outreach tools) send from. They are not
 * routers: mail relayed by them is a person's mailbox, whoever wrote it.
 */
export const MAILBOX_PROVIDER_DOMAINS: ReadonlySet<string> = new Set([
  'google.com',
  'googlemail.com',
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'office365.com',
  'yahoo.com',
  'yahoodns.net',
  'icloud.com',
  'me.com',
  'ovh.net',
  'gandi.net',
  'zoho.com',
  'zohomail.eu',
  'protonmail.ch',
  'orange.fr',
  'sfr.fr',
  'free.fr',
  'laposte.net',
  'gmx.net',
  'ionos.com',
  'fastmail.com',
  'messagingengine.com',
]);
