/** What a block did, as a notice with its undo button; the undo's outcome replaces it. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/result.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

export function UndoNotice(p: {
  sentence: string;
  undo(): Promise<AppErrorData | null>;
  /** What is shown once undone (a block's sentence otherwise). */
  undone?: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'offered' | 'undoing' | 'undone'>('offered');
  const [error, setError] = useState<AppErrorData | null>(null);

  async function undo() {
    setState('undoing');
    const failed = await p.undo();
    setError(failed);
    setState(failed ? 'offered' : 'undone');
  }

  return (
    <div role="status" className="notice notice-info undo-notice">
      <p>{state === 'undone' ? (p.undone ?? t('rules.block.undone')) : p.sentence}</p>
      {state !== 'undone' && (
        <button
          type="button"
          className="button"
          disabled={state === 'undoing'}
          onClick={() => void undo()}
        >
          {t('rules.undo')}
        </button>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
