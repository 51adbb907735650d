/** The add-account form of the e2e tests: its labels in both languages, and filling it. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface FormLabels {
  addMailbox: string;
  formTitle: string;
  email: string;
  provider: string;
  imapSection: string;
  host: string;
  port: string;
  security: string;
  user: string;
  password: string;
}

export const FR: FormLabels = {
  addMailbox: 'Ajouter une boîte mail',
  formTitle: 'Ajouter une boîte mail',
  email: 'Adresse e-mail',
  provider: 'Fournisseur',
  imapSection: 'Réception (IMAP)',
  host: 'Serveur',
  port: 'Port',
  security: 'Sécurité',
  user: 'Identifiant',
  password: 'Mot de passe',
};

export const EN: FormLabels = {
  addMailbox: 'Add a mailbox',
  formTitle: 'Add a mailbox',
  email: 'Email address',
  provider: 'Provider',
  imapSection: 'Incoming (IMAP)',
  host: 'Server',
  port: 'Port',
  security: 'Security',
  user: 'User name',
  password: 'Password',
};

export interface AccountFormSettings {
  port: number;
  /** The security option's label, e.g. "None (this computer only)". */
  security: string;
  password: string;
}

/** Opens the add-account form from the welcome screen and fills it for a loopback server. */
export async function fillAddAccountForm(
  page: Page,
  labels: FormLabels,
  settings: AccountFormSettings,
  who: { email: string; user: string },
): Promise<void> {
  await page.getByRole('button', { name: labels.addMailbox }).click();
  await page.getByRole('heading', { name: labels.formTitle }).waitFor();
  await page.getByLabel(labels.email).fill(who.email);
  // example.org is no known provider: the form guesses "custom" by itself.
  expect(await page.getByLabel(labels.provider).inputValue()).toBe('custom');
  const imap = page.getByRole('group', { name: labels.imapSection });
  await imap.getByLabel(labels.host).fill('127.0.0.1');
  await imap.getByLabel(labels.security).selectOption({ label: settings.security });
  await imap.getByLabel(labels.port).fill(String(settings.port));
  await imap.getByLabel(labels.user).fill(who.user);
  await imap.getByLabel(labels.password).fill(settings.password);
}
