/**
 * "Move to…": the account's folders as radio buttons (arrow keys move between them, as in any
 * form), subfolders under their parent; the move runs once a folder is chosen and confirmed.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRIAGE_MOVE_JOB } from '../../../shared/api/triage-actions.js';
import type { AppErrorData } from '../../../shared/result.js';
import { useApi } from '../api/ApiContext.js';
import { useQuery } from '../api/hooks.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useFolderLabel } from '../components/FolderTree.js';
import { folderDepth, orderFolders } from '../components/folder-order.js';
import type { TriageDialogProps } from './actions.js';
import { JobProgress } from './JobProgress.js';
import { movedOutcome, selectedMessages, selectionInput } from './mail-actions.js';

export function MoveDialog({ selection, onDone, onCancel }: TriageDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const folderLabel = useFolderLabel();
  const folders = useQuery('folders.list', { accountId: selection.accountId });
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);

  async function move() {
    if (chosen === null) return;
    setBusy(true);
    const result = await api.call('triage.move', {
      selection: selectionInput(selection),
      folder: chosen,
    });
    setBusy(false);
    if (result.ok) onDone(movedOutcome(api, result.value));
    else setError(result.error);
  }

  return (
    <ConfirmDialog
      title={t('triageBulk.move.title', { count: selectedMessages(selection) })}
      confirmLabel={t('triageBulk.move.confirm')}
      tone="primary"
      busy={busy}
      confirmDisabled={chosen === null}
      onConfirm={() => void move()}
      onCancel={onCancel}
    >
      <fieldset className="folder-choices">
        <legend>{t('triageBulk.move.folders')}</legend>
        {folders.data === undefined && !folders.error && <p>{t('common.loading')}</p>}
        {orderFolders(folders.data ?? []).map((folder) => (
          <label
            key={folder.path}
            className="folder-choice"
            style={{ paddingInlineStart: `${folderDepth(folder) * 18}px` }}
          >
            <input
              type="radio"
              name="move-folder"
              value={folder.path}
              checked={chosen === folder.path}
              onChange={() => setChosen(folder.path)}
            />
            <span translate={folder.specialUse ? undefined : 'no'}>{folderLabel(folder)}</span>
          </label>
        ))}
      </fieldset>
      {busy && <JobProgress accountId={selection.accountId} kind={TRIAGE_MOVE_JOB} />}
      {(error ?? folders.error) && (
        <ErrorNotice
          error={(error ?? folders.error)!}
          context={{ conflict: t('triageBulk.move.already') }}
        />
      )}
    </ConfirmDialog>
  );
}
