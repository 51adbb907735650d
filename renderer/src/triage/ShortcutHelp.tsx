/** The keyboard shortcuts of the triage, in a modal (native <dialog>: Escape closes it). */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TRIAGE_ACTIONS } from './actions.js';

const MOVES = [
  ['↓ / j', 'next'],
  ['↑ / k', 'previous'],
  ['→ / Entrée', 'expand'],
  ['←', 'collapse'],
  ['Espace / x', 'select'],
  ['Échap', 'clear'],
  ['?', 'help'],
] as const;

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const english = i18n.language === 'en';
  const keyName = (keys: string) =>
    english
      ? keys.replace('Entrée', 'Enter').replace('Espace', 'Space').replace('Échap', 'Esc')
      : keys;
  return (
    <dialog
      ref={dialog}
      className="dialog shortcut-help"
      aria-labelledby="shortcut-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="shortcut-title">{t('triage.shortcuts.title')}</h2>
      <table className="shortcut-table">
        <tbody>
          {MOVES.map(([keys, what]) => (
            <tr key={what}>
              <th scope="row">
                <kbd>{keyName(keys)}</kbd>
              </th>
              <td>{t(`triage.shortcuts.${what}`)}</td>
            </tr>
          ))}
          {TRIAGE_ACTIONS.map((action) => (
            <tr key={action.id}>
              <th scope="row">
                <kbd>
                  {action.alsoKey
                    ? `${action.shortcut} / ${english ? action.alsoKey.key : action.alsoKey.fr}`
                    : action.shortcut}
                </kbd>
              </th>
              <td>{t(`triage.actions.${action.id}` as 'triage.actions.keep')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
