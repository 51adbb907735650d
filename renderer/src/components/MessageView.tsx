import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.js';
import { useQuery } from '../api/hooks.js';
import { WhyPanel } from '../detection/WhyPanel.js';
import { SenderStop } from '../objections/SenderStop.js';
import { StopPanel } from '../objections/StopPanel.js';
import { BlockButtons } from '../rules/BlockButtons.js';
import { SaveFileButton } from '../files/SaveFileButton.js';
import { formatAddress, formatFullDate } from '../format.js';
import { MessageBody } from '../preview/MessageBody.js';
import { ErrorNotice } from './ErrorNotice.js';

/** A message: its headers, why it was judged so, and its body (sanitized, sandboxed). */
export function MessageView({ messageId }: { messageId: number | null }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  // A correction re-runs detection on every message: this one may have a new verdict.
  const message = useQuery(
    'messages.get',
    messageId === null ? null : { id: messageId },
    (event) => event.type === 'messages.changed',
  );

  if (messageId === null)
    return (
      <section className="message-pane message-pane-empty">
        <p className="empty-state">{t('message.none')}</p>
      </section>
    );
  if (message.error)
    return (
      <section className="message-pane">
        <ErrorNotice error={message.error} />
      </section>
    );
  const m = message.data;
  if (!m) return <section className="message-pane" aria-busy="true" />;

  return (
    <article className="message-pane" aria-labelledby="message-subject">
      <header className="message-header">
        <h2 id="message-subject" translate="no">
          {m.subject || t('messages.noSubject')}
        </h2>
        <dl className="field-list message-fields">
          <dt>{t('message.from')}</dt>
          <dd translate="no">{m.from ? formatAddress(m.from) : t('messages.unknownSender')}</dd>
          {m.to.length > 0 && (
            <>
              <dt>{t('message.to')}</dt>
              <dd translate="no">{m.to.map(formatAddress).join(', ')}</dd>
            </>
          )}
          {m.date && (
            <>
              <dt>{t('message.date')}</dt>
              <dd>
                <time dateTime={m.date}>{formatFullDate(m.date, i18n.language)}</time>
              </dd>
            </>
          )}
        </dl>
        {m.hasListUnsubscribe && <span className="badge">{t('message.listUnsubscribe')}</span>}
        <SaveFileButton
          key={m.id}
          label={t('files.saveSource')}
          title={t('files.saveSourceTitle')}
          produce={() => api.call('messages.exportSource', { id: m.id })}
        />
      </header>
      {/* Above the "why": acting on what it shows is one click away. */}
      {m.unsolicited && <BlockButtons key={`block-${m.id}`} message={m} />}
      <WhyPanel
        key={`why-${m.id}`}
        message={m}
        refreshing={message.loading}
        onCorrected={message.reload}
      />
      <MessageBody key={`body-${m.id}`} messageId={m.id} />
      {m.unsolicited && <StopPanel key={`stop-${m.id}`} message={m} />}
      {m.unsolicited && <SenderStop key={`sender-stop-${m.id}`} message={m} />}
      <details className="all-headers" open>
        <summary>{t('message.allHeaders', { count: m.headers.length })}</summary>
        <table className="header-table" translate="no">
          <tbody>
            {m.headers.map((header, i) => (
              <tr key={i}>
                <th scope="row">{header.name}</th>
                <td>{header.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </article>
  );
}
