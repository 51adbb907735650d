/**
 * Mail provider presets: the hosts and ports their help pages publish, and the
 * address domains that point to each. Pure data, used by the UI to fill the
 * account form and by the core to guess a provider from an address.
 */
import type { Security } from './types.js';

export interface ServerPreset {
  host: string;
  port: number;
  security: Security;
}

export interface ProviderPreset {
  id: string;
  label: string;
  imap: ServerPreset;
  smtp: ServerPreset;
  /** Address domains served by this provider. */
  domains: string[];
  /** A hint shown in the form, as an i18n key (e.g. app passwords). */
  hint?: 'appPassword' | 'bridge' | 'enableImap';
}

export const PROVIDERS: readonly ProviderPreset[] = [
  {
    id: 'gmail',
    label: 'Gmail / Google Workspace',
    imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.gmail.com', port: 465, security: 'tls' },
    domains: ['gmail.com', 'googlemail.com'],
    hint: 'appPassword',
  },
  {
    id: 'outlook',
    label: 'Outlook / Microsoft 365',
    imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
    domains: [
      'outlook.com',
      'outlook.fr',
      'hotmail.com',
      'hotmail.fr',
      'live.com',
      'live.fr',
      'msn.com',
    ],
    hint: 'appPassword',
  },
  {
    id: 'yahoo',
    label: 'Yahoo Mail',
    imap: { host: 'imap.mail.yahoo.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.mail.yahoo.com', port: 465, security: 'tls' },
    domains: ['yahoo.com', 'yahoo.fr', 'ymail.com'],
    hint: 'appPassword',
  },
  {
    id: 'icloud',
    label: 'iCloud Mail',
    imap: { host: 'imap.mail.me.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.mail.me.com', port: 587, security: 'starttls' },
    domains: ['icloud.com', 'me.com', 'mac.com'],
    hint: 'appPassword',
  },
  {
    id: 'orange',
    label: 'Orange',
    imap: { host: 'imap.orange.fr', port: 993, security: 'tls' },
    smtp: { host: 'smtp.orange.fr', port: 465, security: 'tls' },
    domains: ['orange.fr', 'wanadoo.fr'],
  },
  {
    id: 'free',
    label: 'Free',
    imap: { host: 'imap.free.fr', port: 993, security: 'tls' },
    smtp: { host: 'smtp.free.fr', port: 465, security: 'tls' },
    domains: ['free.fr'],
    hint: 'enableImap',
  },
  {
    id: 'sfr',
    label: 'SFR',
    imap: { host: 'imap.sfr.fr', port: 993, security: 'tls' },
    smtp: { host: 'smtp.sfr.fr', port: 465, security: 'tls' },
    domains: ['sfr.fr', 'neuf.fr', 'cegetel.net', '9online.fr'],
  },
  {
    id: 'laposte',
    label: 'La Poste',
    imap: { host: 'imap.laposte.net', port: 993, security: 'tls' },
    smtp: { host: 'smtp.laposte.net', port: 465, security: 'tls' },
    domains: ['laposte.net'],
  },
  {
    id: 'ovh',
    label: 'OVHcloud (MX Plan)',
    imap: { host: 'ssl0.ovh.net', port: 993, security: 'tls' },
    smtp: { host: 'ssl0.ovh.net', port: 465, security: 'tls' },
    domains: [],
  },
  {
    id: 'gmx',
    label: 'GMX',
    imap: { host: 'imap.gmx.net', port: 993, security: 'tls' },
    smtp: { host: 'mail.gmx.net', port: 587, security: 'starttls' },
    domains: ['gmx.fr', 'gmx.com', 'gmx.net', 'gmx.de'],
    hint: 'enableImap',
  },
  {
    id: 'proton-bridge',
    label: 'Proton Mail Bridge',
    // Bridge listens on loopback with its own self-signed certificate: pin it.
    imap: { host: '127.0.0.1', port: 1143, security: 'starttls' },
    smtp: { host: '127.0.0.1', port: 1025, security: 'starttls' },
    domains: ['proton.me', 'protonmail.com', 'pm.me'],
    hint: 'bridge',
  },
];

export const CUSTOM_PROVIDER = 'custom';

export function findProvider(id: string): ProviderPreset | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

/** Guesses the provider from an address's domain; undefined means "custom". */
export function guessProvider(email: string): ProviderPreset | undefined {
  const domain = email.split('@').pop()?.toLowerCase() ?? '';
  return PROVIDERS.find((p) => p.domains.includes(domain));
}
