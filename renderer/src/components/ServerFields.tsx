import { useTranslation } from 'react-i18next';
import type { Security } from '../../../shared/types.js';
import type { ServerForm } from '../screens/account-form-state.js';
import { Field } from './Field.js';

const SECURITY_OPTIONS: Security[] = ['tls', 'starttls', 'plain'];

/** Host, port, security and user of one server (IMAP or SMTP). */
export function ServerFields({
  server,
  required,
  userPlaceholder,
  onChange,
  onSecurityChange,
}: {
  server: ServerForm;
  /** SMTP may be left empty: its fields are required only once a host is typed. */
  required: boolean;
  /** The user name used when the field is left to its default. */
  userPlaceholder: string;
  onChange: (patch: Partial<ServerForm>) => void;
  onSecurityChange: (security: Security) => void;
}) {
  const { t } = useTranslation();
  const securityLabel: Record<Security, string> = {
    tls: t('account.securityTls'),
    starttls: t('account.securityStarttls'),
    plain: t('account.securityPlain'),
  };
  return (
    <>
      <div className="field-row">
        <Field label={t('account.host')} className="grow">
          <input
            type="text"
            required={required}
            autoComplete="off"
            spellCheck={false}
            value={server.host}
            onChange={(e) => onChange({ host: e.target.value })}
          />
        </Field>
        <Field label={t('account.port')} className="port">
          <input
            type="number"
            required={required}
            min={1}
            max={65535}
            inputMode="numeric"
            value={server.port}
            onChange={(e) => onChange({ port: e.target.value })}
          />
        </Field>
      </div>
      <Field label={t('account.security')}>
        <select
          value={server.security}
          onChange={(e) => onSecurityChange(e.target.value as Security)}
        >
          {SECURITY_OPTIONS.map((s) => (
            <option key={s} value={s}>
              {securityLabel[s]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('account.user')}>
        <input
          type="text"
          required={required}
          autoComplete="off"
          spellCheck={false}
          value={server.user ?? userPlaceholder}
          onChange={(e) => onChange({ user: e.target.value })}
        />
      </Field>
    </>
  );
}
