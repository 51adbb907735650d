/**
 * The user's Signal Spam account, for reporting plain spam. The password goes
 * to the core once and is kept encrypted like a mailbox password; the page
 * only ever learns whether an account is saved.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall, useQuery } from '../api/hooks.js';
import { Field } from '../components/Field.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

export function SignalSpamSettings() {
  const { t } = useTranslation();
  const status = useQuery('objections.signalSpamAccount', {});
  const save = useCall('objections.setSignalSpamAccount');
  const remove = useCall('objections.removeSignalSpamAccount');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await save.run({ user, password });
    if (!result.ok) return;
    // Nothing of it stays in the page.
    setUser('');
    setPassword('');
    setSaved(true);
    status.reload();
  }

  async function forget() {
    setSaved(false);
    const result = await remove.run({});
    if (result.ok) status.reload();
  }

  return (
    <section className="settings-section" aria-labelledby="settings-signal-spam">
      <h2 id="settings-signal-spam">{t('appSettings.signalSpam.title')}</h2>
      <p className="muted">{t('appSettings.signalSpam.intro')}</p>
      {status.error && <ErrorNotice error={status.error} />}
      {status.data && (
        <div className="signal-spam-status">
          <p data-testid="signal-spam-status">
            {status.data.configured
              ? t('appSettings.signalSpam.configured')
              : t('appSettings.signalSpam.none')}
          </p>
          {status.data.configured && (
            <button
              type="button"
              className="button button-quiet"
              disabled={remove.busy}
              onClick={() => void forget()}
            >
              {t('appSettings.signalSpam.remove')}
            </button>
          )}
        </div>
      )}
      {remove.error && <ErrorNotice error={remove.error} />}
      <form className="signal-spam-form" onSubmit={(e) => void submit(e)}>
        <Field label={t('appSettings.signalSpam.user')}>
          <input
            type="text"
            autoComplete="off"
            required
            maxLength={320}
            value={user}
            onChange={(e) => setUser(e.target.value)}
          />
        </Field>
        <Field label={t('appSettings.signalSpam.password')}>
          <input
            type="password"
            autoComplete="new-password"
            required
            maxLength={1024}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.busy}>
            {status.data?.configured
              ? t('appSettings.signalSpam.replace')
              : t('appSettings.signalSpam.save')}
          </button>
          {saved && (
            <p role="status" className="muted">
              {t('appSettings.signalSpam.saved')}
            </p>
          )}
        </div>
        {save.error && <ErrorNotice error={save.error} />}
      </form>
    </section>
  );
}
