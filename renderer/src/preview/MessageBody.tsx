/**
 * The body of a message in the preview: fetched on demand (through its kept
 * source), HTML sanitized and framed, plain text as text, remote content
 * blocked with a notice that counts it, and links opened in the browser only
 * after the user has seen where they lead.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useMessageBody } from './body-cache.js';
import { MailFrame } from './MailFrame.js';
import { isSafeLink, sanitizeMail } from './sanitize-mail.js';

export function MessageBody({ messageId }: { messageId: number }) {
  const { t } = useTranslation();
  const { body, error } = useMessageBody(messageId);
  const [link, setLink] = useState<string | null>(null);
  const clean = useMemo(() => (body?.html ? sanitizeMail(body.html) : null), [body]);

  if (error)
    return (
      <section className="message-body" aria-label={t('preview.bodyLabel')}>
        <ErrorNotice error={error} />
      </section>
    );
  if (!body)
    return (
      <section className="message-body" aria-label={t('preview.bodyLabel')} aria-busy="true">
        <p className="muted">{t('preview.loading')}</p>
      </section>
    );

  return (
    <section className="message-body" aria-label={t('preview.bodyLabel')}>
      {clean && clean.remote > 0 && (
        <p className="notice notice-info blocked-notice" role="note">
          {t('preview.blocked', { count: clean.remote })}{' '}
          {clean.trackers > 0 && t('preview.trackers', { count: clean.trackers })}
        </p>
      )}
      {clean ? (
        <MailFrame html={clean.html} onLink={(href) => isSafeLink(href) && setLink(href)} />
      ) : body.text ? (
        <div className="message-text" translate="no">
          {body.text}
        </div>
      ) : (
        <p className="muted">{t('preview.empty')}</p>
      )}
      {body.truncated && <p className="muted">{t('preview.truncated')}</p>}
      {body.attachments.length > 0 && (
        <p className="attachments muted">
          {t('preview.attachments', { count: body.attachments.length })}{' '}
          <span translate="no">
            {body.attachments.map((a) => a.filename ?? a.contentType).join(', ')}
          </span>
        </p>
      )}
      {link && (
        <ConfirmDialog
          title={t('preview.openLinkTitle')}
          confirmLabel={t('preview.openLink')}
          busy={false}
          onCancel={() => setLink(null)}
          onConfirm={() => {
            // Electron hands this to the system browser; serve mode opens a new tab.
            window.open(link, '_blank', 'noopener,noreferrer');
            setLink(null);
          }}
        >
          <p>{t('preview.openLinkHost')}</p>
          <p className="link-host" translate="no">
            <strong>{hostOf(link)}</strong>
          </p>
          <p className="link-full" translate="no">
            {link}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function hostOf(href: string): string {
  const url = new URL(href);
  return url.protocol === 'mailto:' ? url.pathname : url.host;
}
