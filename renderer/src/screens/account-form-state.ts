/**
 * The account form's state and how it becomes a draft for the core. Kept
 * apart from the component so the rules (provider presets, defaults that
 * follow the address) read in one place.
 */
import type { AccountDraft } from '../../../shared/api/index.js';
import { CUSTOM_PROVIDER, findProvider, guessProvider } from '../../../shared/providers.js';
import type { Account, Security, ServerSettings } from '../../../shared/types.js';

export interface ServerForm {
  host: string;
  port: string;
  security: Security;
  /** null: follow the default (the address for IMAP, the IMAP user for SMTP). */
  user: string | null;
}

export interface AccountForm {
  email: string;
  name: string;
  /** null: guessed from the address as it is typed. */
  provider: string | null;
  imap: ServerForm;
  smtp: ServerForm;
  password: string;
  smtpPassword: string;
  /** A certificate the user chose to trust; undefined keeps whatever is saved. */
  tlsPin: string | null | undefined;
}

export type ServerKind = 'imap' | 'smtp';

const STANDARD_PORTS: Record<ServerKind, Record<Security, number>> = {
  imap: { tls: 993, starttls: 143, plain: 143 },
  smtp: { tls: 465, starttls: 587, plain: 25 },
};

function blankServer(kind: ServerKind): ServerForm {
  return { host: '', port: String(STANDARD_PORTS[kind].tls), security: 'tls', user: null };
}

function serverFromSettings(s: ServerSettings): ServerForm {
  return { host: s.host, port: String(s.port), security: s.security, user: s.user };
}

export function emptyAccountForm(): AccountForm {
  return {
    email: '',
    name: '',
    provider: null,
    imap: blankServer('imap'),
    smtp: blankServer('smtp'),
    password: '',
    smtpPassword: '',
    tlsPin: undefined,
  };
}

export function formFromAccount(account: Account): AccountForm {
  return {
    email: account.email,
    name: account.name === account.email ? '' : account.name,
    provider: account.provider,
    imap: account.imap ? serverFromSettings(account.imap) : blankServer('imap'),
    smtp: account.smtp ? serverFromSettings(account.smtp) : blankServer('smtp'),
    password: '',
    smtpPassword: '',
    tlsPin: undefined,
  };
}

export function effectiveProvider(form: AccountForm): string {
  return form.provider ?? guessProvider(form.email)?.id ?? CUSTOM_PROVIDER;
}

/** Fills the servers from a preset; "custom" keeps what is there. */
function applyPreset(form: AccountForm, providerId: string): AccountForm {
  const preset = findProvider(providerId);
  if (!preset) return form;
  return {
    ...form,
    imap: { ...form.imap, ...presetServer(preset.imap) },
    smtp: { ...form.smtp, ...presetServer(preset.smtp) },
  };
}

function presetServer(p: { host: string; port: number; security: Security }) {
  return { host: p.host, port: String(p.port), security: p.security };
}

export function withEmail(form: AccountForm, email: string): AccountForm {
  const next = { ...form, email };
  if (form.provider !== null) return next;
  const before = guessProvider(form.email)?.id;
  const after = guessProvider(email)?.id;
  if (before === after) return next;
  if (after) return applyPreset(next, after);
  // The address left a known provider: its servers would now be wrong.
  return { ...next, imap: blankServer('imap'), smtp: blankServer('smtp') };
}

export function withProvider(form: AccountForm, providerId: string): AccountForm {
  return applyPreset({ ...form, provider: providerId }, providerId);
}

/** A change of security moves a standard port along (993 ↔ 143), never a custom one. */
export function withSecurity(form: AccountForm, kind: ServerKind, security: Security): AccountForm {
  const server = form[kind];
  const standard = Object.values(STANDARD_PORTS[kind]).map(String);
  const port = standard.includes(server.port)
    ? String(STANDARD_PORTS[kind][security])
    : server.port;
  return { ...form, [kind]: { ...server, security, port } };
}

export function imapUser(form: AccountForm): string {
  return form.imap.user ?? form.email.trim();
}

export function smtpUser(form: AccountForm): string {
  return form.smtp.user ?? imapUser(form);
}

function toSettings(server: ServerForm, user: string): ServerSettings {
  return { host: server.host.trim(), port: Number(server.port), security: server.security, user };
}

/** The draft the core validates; `password` may be empty when editing (keeps the saved one). */
export function toDraft(form: AccountForm, tlsPin: string | null | undefined): AccountDraft {
  const smtp = form.smtp.host.trim() ? toSettings(form.smtp, smtpUser(form)) : null;
  return {
    name: form.name.trim() || undefined,
    email: form.email.trim(),
    provider: effectiveProvider(form),
    imap: toSettings(form.imap, imapUser(form)),
    password: form.password,
    smtp,
    smtpPassword: form.smtpPassword || undefined,
    ...(tlsPin !== undefined ? { tlsPin } : {}),
  };
}

/**
 * Which passwords an edit must ask for again. A saved password only goes to
 * the server (host, port, security) that accepted it: the core refuses
 * otherwise with PASSWORD_REQUIRED, and the form marks the field required first.
 * SMTP without its own password takes the IMAP one typed in the same edit.
 */
export function passwordsToRetype(
  form: AccountForm,
  account: Account,
): { imap: boolean; smtp: boolean } {
  const smtp = form.smtp.host.trim() ? toSettings(form.smtp, smtpUser(form)) : null;
  return {
    imap: !sameEndpoint(toSettings(form.imap, imapUser(form)), account.imap),
    smtp: smtp !== null && !sameEndpoint(smtp, account.smtp) && !form.password,
  };
}

function sameEndpoint(a: ServerSettings | null, b: ServerSettings | null): boolean {
  if (!a || !b) return a === b;
  const host = (h: string) => h.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return host(a.host) === host(b.host) && a.port === b.port && a.security === b.security;
}

/** "host:port" for error sentences. */
export function serverLabel(form: AccountForm): string | undefined {
  const host = form.imap.host.trim();
  return host ? `${host}:${form.imap.port}` : undefined;
}
