import { useTranslation } from 'react-i18next';
import type { Folder } from '../../../shared/types.js';
import { folderDepth, orderFolders } from './folder-order.js';
import { FolderRoleIcon } from './Icons.js';

export function useFolderLabel() {
  const { t } = useTranslation();
  return (folder: Folder) => (folder.specialUse ? t(`folders.${folder.specialUse}`) : folder.name);
}

export function FolderTree({
  accountName,
  folders,
  selectedFolderId,
  onSelect,
}: {
  accountName: string;
  folders: Folder[];
  selectedFolderId: number | null;
  onSelect: (folderId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const label = useFolderLabel();
  const count = new Intl.NumberFormat(i18n.language);
  if (folders.length === 0) return <p className="sidebar-empty">{t('sidebar.noFolders')}</p>;
  return (
    <ul className="folder-list" aria-label={t('sidebar.foldersOf', { name: accountName })}>
      {orderFolders(folders).map((folder) => {
        const title = [
          t('sidebar.folderCount', { count: folder.messages }),
          folder.unseen > 0 ? t('sidebar.folderUnseen', { count: folder.unseen }) : null,
        ]
          .filter(Boolean)
          .join(', ');
        return (
          <li key={folder.id}>
            <button
              type="button"
              className="folder"
              data-folder-path={folder.path}
              data-special-use={folder.specialUse ?? undefined}
              aria-current={folder.id === selectedFolderId ? 'page' : undefined}
              style={{ paddingInlineStart: `${28 + folderDepth(folder) * 14}px` }}
              onClick={() => onSelect(folder.id)}
            >
              <FolderRoleIcon role={folder.specialUse} />
              <span className="folder-name" translate={folder.specialUse ? undefined : 'no'}>
                {label(folder)}
              </span>
              <span
                className={folder.unseen > 0 ? 'folder-count has-unseen' : 'folder-count'}
                title={title}
              >
                {count.format(folder.messages)}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
