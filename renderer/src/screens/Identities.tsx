import { useTranslation } from 'react-i18next';
import type { IdentityInfo } from '../../../shared/types.js';
import { useCall, useQuery } from '../api/hooks.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { AlertIcon } from '../components/Icons.js';
import { formatDay } from '../format.js';

type Kind = IdentityInfo['kind'];
type Visibility = IdentityInfo['visibility'];
const KINDS: readonly Kind[] = ['personal', 'professional'];
const VISIBILITIES: readonly Visibility[] = ['private', 'public'];

/**
 * The user's addresses as a 2×2 matrix: personal or professional, private
 * or public. A private address that received marketing shows who leaked it.
 */
export function Identities({ onOpenMessage }: { onOpenMessage: (messageId: number) => void }) {
  const { t } = useTranslation();
  // Detection runs again after a change of kind or visibility; its end is a messages.changed.
  const identities = useQuery('identities.list', {}, (e) => e.type === 'messages.changed');
  const update = useCall('identities.update');

  async function change(address: string, patch: { kind?: Kind; visibility?: Visibility }) {
    const result = await update.run({ address, ...patch });
    if (result.ok) identities.reload();
  }

  const list = identities.data;
  return (
    <div className="scroll-page identities-page">
      <header className="identities-header">
        <h1 className="pane-title">{t('identities.title')}</h1>
        <p className="muted">{t('identities.intro')}</p>
      </header>
      {identities.error && <ErrorNotice error={identities.error} />}
      {update.error && <ErrorNotice error={update.error} />}
      {!list ? (
        !identities.error && (
          <p className="muted" aria-busy="true">
            {t('common.loading')}
          </p>
        )
      ) : list.length === 0 ? (
        <p className="empty-state">{t('identities.none')}</p>
      ) : (
        <div className="identity-matrix" role="table" aria-label={t('identities.title')}>
          <div role="row" className="matrix-row matrix-head">
            <span role="columnheader" className="matrix-corner" />
            {KINDS.map((kind) => (
              <span key={kind} role="columnheader" className="matrix-axis">
                {t(`identities.${kind}`)}
              </span>
            ))}
          </div>
          {VISIBILITIES.map((visibility) => (
            <div key={visibility} role="row" className="matrix-row">
              <span role="rowheader" className="matrix-axis matrix-axis-row">
                {t(`identities.${visibility}`)}
              </span>
              {KINDS.map((kind) => {
                const here = list.filter((i) => i.kind === kind && i.visibility === visibility);
                return (
                  <div
                    key={kind}
                    role="cell"
                    className={`matrix-cell cell-${kind}-${visibility}`}
                    aria-label={t('identities.cellLabel', {
                      kind: t(`identities.${kind}`),
                      visibility: t(`identities.${visibility}`),
                    })}
                  >
                    {here.length === 0 ? (
                      <p className="muted cell-empty">{t('identities.cellEmpty')}</p>
                    ) : (
                      here.map((identity) => (
                        <IdentityCard
                          key={identity.address}
                          identity={identity}
                          busy={update.busy}
                          onChange={(patch) => void change(identity.address, patch)}
                          onOpenMessage={onOpenMessage}
                        />
                      ))
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function IdentityCard({
  identity,
  busy,
  onChange,
  onOpenMessage,
}: {
  identity: IdentityInfo;
  busy: boolean;
  onChange: (patch: { kind?: Kind; visibility?: Visibility }) => void;
  onOpenMessage: (messageId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const leak = identity.leak;
  // "10 septembre 2026" stays on one line.
  const leakDate = leak ? formatDay(leak.at, i18n.language).replace(/ /g, '\u00A0') : '';
  return (
    <article
      className={leak ? 'identity-card leaked' : 'identity-card'}
      aria-label={identity.address}
      data-address={identity.address}
    >
      <h2 className="identity-address" translate="no">
        {identity.address}
      </h2>
      <p className="muted identity-meta">
        {t('identities.messages', { count: identity.messages })} ·{' '}
        {t(`identities.origin.${identity.origin}`)}
      </p>
      {leak && (
        <div className="leak-warning" role="alert">
          <AlertIcon />
          <div>
            <p>
              {leak.router
                ? t('identities.leak', {
                    advertiser: leak.advertiser ?? t('identities.unknownAdvertiser'),
                    router: leak.router,
                    date: leakDate,
                  })
                : t('identities.leakNoRouter', {
                    advertiser: leak.advertiser ?? t('identities.unknownAdvertiser'),
                    date: leakDate,
                  })}
            </p>
            {leak.messageId !== null && (
              <button
                type="button"
                className="link-button"
                onClick={() => onOpenMessage(leak.messageId!)}
              >
                {t('identities.openLeak')}
              </button>
            )}
          </div>
        </div>
      )}
      <div className="identity-controls">
        <label>
          <span>{t('identities.kind')}</span>
          <select
            value={identity.kind}
            disabled={busy}
            onChange={(e) => onChange({ kind: e.target.value as Kind })}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`identities.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('identities.visibility')}</span>
          <select
            value={identity.visibility}
            disabled={busy}
            onChange={(e) => onChange({ visibility: e.target.value as Visibility })}
          >
            {VISIBILITIES.map((visibility) => (
              <option key={visibility} value={visibility}>
                {t(`identities.${visibility}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </article>
  );
}
