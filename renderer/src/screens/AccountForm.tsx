import { useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  CUSTOM_PROVIDER,
  findProvider,
  guessProvider,
  PROVIDERS,
} from '../../../shared/providers.js';
import type { AppErrorData } from '../../../shared/result.js';
import type { Account, CertificateInfo, ConnectionReport } from '../../../shared/types.js';
import { useCall } from '../api/hooks.js';
import { CertificateCard, Fingerprint } from '../components/CertificateCard.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { CheckIcon, LockIcon } from '../components/Icons.js';
import { ServerFields } from '../components/ServerFields.js';
import {
  effectiveProvider,
  emptyAccountForm,
  formFromAccount,
  imapUser,
  passwordsToRetype,
  serverLabel,
  smtpUser,
  toDraft,
  withEmail,
  withProvider,
  withSecurity,
  type AccountForm as FormState,
  type ServerForm,
  type ServerKind,
} from './account-form-state.js';

type Action = 'test' | 'save';
type Outcome =
  | { kind: 'error'; action: Action; error: AppErrorData }
  | { kind: 'tested'; report: ConnectionReport }
  | null;

export type AccountFormProps = (
  { mode: 'add'; account?: undefined } | { mode: 'edit'; account: Account }
) & {
  onDone: (account: Account) => void;
  onCancel: () => void;
};

/** Adding an account, or editing one: test the connection, trust a certificate, save. */
export function AccountForm(props: AccountFormProps) {
  const { t } = useTranslation();
  const editing = props.mode === 'edit';
  const [form, setForm] = useState<FormState>(() =>
    props.account ? formFromAccount(props.account) : emptyAccountForm(),
  );
  const [outcome, setOutcome] = useState<Outcome>(null);
  const formElement = useRef<HTMLFormElement>(null);
  const test = useCall('accounts.test');
  const check = useCall('accounts.check');
  const add = useCall('accounts.add');
  const update = useCall('accounts.update');
  const busy = test.busy || check.busy || add.busy || update.busy;
  const testing = test.busy || check.busy;
  // A new server gets the password typed again: the saved one stays with its server.
  const retype = editing ? passwordsToRetype(form, props.account) : { imap: false, smtp: false };
  // Without a new password, only the saved settings can be tested (with the saved password).
  const canCheckSaved =
    editing && !form.password && form.tlsPin === undefined && sameServer(form, props.account);
  const needsPassword = editing && !form.password && !canCheckSaved;

  const providerId = effectiveProvider(form);
  const preset = findProvider(providerId);
  const guessed = form.provider === null && guessProvider(form.email) !== undefined;
  const pinned = form.tlsPin === undefined ? (props.account?.tlsPin ?? null) : form.tlsPin;

  const setServer = (kind: ServerKind, patch: Partial<ServerForm>) =>
    setForm((f) => ({ ...f, [kind]: { ...f[kind], ...patch } }));

  async function run(action: Action, tlsPin: string | null | undefined) {
    const draft = toDraft(form, tlsPin);
    setOutcome(null);
    if (action === 'test') {
      const result =
        editing && !draft.password
          ? await check.run({ id: props.account.id })
          : await test.run(draft);
      setOutcome(
        result.ok ? { kind: 'tested', report: result.value } : errorOutcome(action, result.error),
      );
      return;
    }
    const result = editing
      ? await update.run({
          id: props.account.id,
          draft: { ...draft, password: draft.password || undefined },
        })
      : await add.run(draft);
    if (result.ok) props.onDone(result.value);
    else setOutcome(errorOutcome(action, result.error));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run('save', form.tlsPin);
  }

  function testConnection() {
    if (formElement.current?.reportValidity()) void run('test', form.tlsPin);
  }

  /** Pins the certificate just shown, then retries what the user was doing. */
  function trust(action: Action, certificate: CertificateInfo) {
    setForm((f) => ({ ...f, tlsPin: certificate.fingerprint256 }));
    void run(action, certificate.fingerprint256);
  }

  const refusedCertificate =
    outcome?.kind === 'error' && outcome.error.code === 'TLS_CERT_UNTRUSTED'
      ? certificateIn(outcome.error)
      : null;

  return (
    <form
      ref={formElement}
      className="account-form"
      aria-busy={busy}
      aria-labelledby={editing ? undefined : 'account-form-title'}
      aria-label={editing ? t('account.editTitle', { name: props.account.name }) : undefined}
      onSubmit={submit}
    >
      {!editing && (
        <>
          <h1 id="account-form-title">{t('account.addTitle')}</h1>
          <p className="lead">{t('account.intro')}</p>
        </>
      )}

      <Field label={t('account.email')}>
        <input
          type="email"
          required
          autoFocus={!editing}
          autoComplete="email"
          spellCheck={false}
          value={form.email}
          onChange={(e) => setForm((f) => withEmail(f, e.target.value))}
        />
      </Field>
      <Field label={t('account.name')} optional>
        <input
          type="text"
          maxLength={100}
          placeholder={t('account.namePlaceholder')}
          value={form.name}
          onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
        />
      </Field>
      <Field
        label={t('account.provider')}
        hint={guessed ? t('account.providerGuessed') : undefined}
      >
        <select
          value={providerId}
          onChange={(e) => setForm((f) => withProvider(f, e.target.value))}
        >
          {PROVIDERS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value={CUSTOM_PROVIDER}>{t('account.customProvider')}</option>
        </select>
      </Field>
      {preset?.hint && (
        <p className="notice notice-info" data-hint={preset.hint}>
          {t(`hints.${preset.hint}`)}
        </p>
      )}

      <fieldset className="server-section">
        <legend>{t('account.imapSection')}</legend>
        <ServerFields
          server={form.imap}
          required
          userPlaceholder={imapUser(form)}
          onChange={(patch) => setServer('imap', patch)}
          onSecurityChange={(s) => setForm((f) => withSecurity(f, 'imap', s))}
        />
        <Field
          label={t('account.password')}
          hint={
            editing ? t(retype.imap ? 'account.passwordAgain' : 'account.passwordKeep') : undefined
          }
        >
          <input
            type="password"
            required={!editing || retype.imap}
            autoComplete="off"
            value={form.password}
            onChange={(e) => setForm((f) => ({ ...f, password: e.target.value }))}
          />
        </Field>
      </fieldset>

      <details
        className="server-section smtp-section"
        // A field the browser refuses must be visible, or it cannot point at it.
        onInvalidCapture={(e) => {
          e.currentTarget.open = true;
        }}
      >
        <summary>{t('account.smtpSection')}</summary>
        <div className="server-section-body">
          <ServerFields
            server={form.smtp}
            required={form.smtp.host.trim() !== ''}
            userPlaceholder={smtpUser(form)}
            onChange={(patch) => setServer('smtp', patch)}
            onSecurityChange={(s) => setForm((f) => withSecurity(f, 'smtp', s))}
          />
          <Field
            label={t('account.smtpPassword')}
            optional={!retype.smtp}
            hint={t(retype.smtp ? 'account.smtpPasswordAgain' : 'account.smtpPasswordHint')}
          >
            <input
              type="password"
              required={retype.smtp}
              autoComplete="off"
              value={form.smtpPassword}
              onChange={(e) => setForm((f) => ({ ...f, smtpPassword: e.target.value }))}
            />
          </Field>
        </div>
      </details>

      {pinned && (
        <div className="notice notice-info pinned">
          <LockIcon />
          <div className="notice-body">
            <p>{t('account.pinned')}</p>
            <Fingerprint value={pinned} />
            <button
              type="button"
              className="link-button"
              onClick={() => setForm((f) => ({ ...f, tlsPin: null }))}
            >
              {t('account.unpin')}
            </button>
          </div>
        </div>
      )}

      {outcome?.kind === 'tested' && (
        <div className="notice notice-success" role="status">
          <CheckIcon />
          <p>{t('account.testOk', { count: outcome.report.folders })}</p>
        </div>
      )}
      {outcome?.kind === 'error' && (
        <ErrorNotice
          error={outcome.error}
          context={{ server: serverLabel(form), fieldLabel: (path) => fieldLabel(t, path) }}
        >
          {refusedCertificate && (
            <CertificateCard
              certificate={refusedCertificate}
              busy={busy}
              onTrust={() => trust(outcome.action, refusedCertificate)}
            />
          )}
        </ErrorNotice>
      )}

      {needsPassword && (
        <p className="field-hint" id="test-needs-password">
          {t(retype.imap ? 'account.testNeedsNewPassword' : 'account.testNeedsPassword')}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-quiet"
          disabled={busy}
          onClick={props.onCancel}
        >
          {t('common.cancel')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="button"
          // The saved password never comes back to the UI: the core tests with it.
          disabled={busy || needsPassword}
          aria-describedby={needsPassword ? 'test-needs-password' : undefined}
          onClick={testConnection}
        >
          {testing ? t('account.testing') : t('account.test')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {editing
            ? update.busy
              ? t('account.saving')
              : t('account.save')
            : add.busy
              ? t('account.adding')
              : t('account.add')}
        </button>
      </div>
    </form>
  );
}

function sameServer(form: FormState, account: Account): boolean {
  const imap = toDraft(form, undefined).imap;
  const saved = account.imap;
  return (
    saved !== null &&
    imap.host === saved.host &&
    imap.port === saved.port &&
    imap.security === saved.security &&
    imap.user === saved.user
  );
}

function errorOutcome(action: Action, error: AppErrorData): Outcome {
  return { kind: 'error', action, error };
}

function certificateIn(error: AppErrorData): CertificateInfo | null {
  return error.code === 'TLS_CERT_UNTRUSTED' ? (error.details.certificate ?? null) : null;
}

function fieldLabel(t: TFunction, path: string[]): string | undefined {
  const [first, second] = path;
  const server = first === 'imap' ? 'IMAP' : first === 'smtp' ? 'SMTP' : null;
  const labels: Record<string, string> = {
    email: t('account.email'),
    name: t('account.name'),
    password: t('account.password'),
    smtpPassword: t('account.smtpPassword'),
    host: t('account.host'),
    port: t('account.port'),
    security: t('account.security'),
    user: t('account.user'),
  };
  if (server && second) return labels[second] ? `${labels[second]} (${server})` : undefined;
  return first ? labels[first] : undefined;
}
