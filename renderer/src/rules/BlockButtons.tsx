/** "Bloquer l'annonceur" and "Bloquer le routeur" for one message, with the undo offer. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDetail } from '../../../shared/types.js';
import type { AppErrorData } from '../../../shared/result.js';
import { useApi } from '../api/ApiContext.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { blockSenders, type BlockKind, type BlockOutcome } from './block.js';
import { UndoNotice } from './UndoNotice.js';

export function BlockButtons({ message }: { message: MessageDetail }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BlockOutcome | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  // A router is blocked by its id (what rules match), named by its name.
  const router = message.classification?.router ?? null;
  const targets: Array<[BlockKind, string | null, string | null]> = [
    ['advertiser', message.advertiser, message.advertiser],
    ['router', router?.id ?? null, router?.name ?? null],
  ];

  async function block(kind: BlockKind, value: string) {
    setBusy(true);
    setOutcome(null);
    const result = await blockSenders(api, kind, [value], (v) =>
      t(`rules.block.name.${kind}`, { value: kind === 'router' ? (router?.name ?? v) : v }),
    );
    setBusy(false);
    setError(result.error);
    if (!result.error) setOutcome(result);
  }

  return (
    <div className="block-buttons">
      {targets.map(
        ([kind, value, label]) =>
          value && (
            <button
              key={kind}
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void block(kind, value)}
            >
              {t(`rules.block.${kind}`)}
              <span className="visually-hidden"> {label}</span>
            </button>
          ),
      )}
      {outcome && (
        <UndoNotice
          sentence={t('rules.block.done', { count: outcome.moved })}
          undo={outcome.undo}
        />
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
