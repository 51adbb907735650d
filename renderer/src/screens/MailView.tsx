import { useState } from 'react';
import type { Folder } from '../../../shared/types.js';
import { useFolderLabel } from '../components/FolderTree.js';
import { MessageList } from '../components/MessageList.js';
import { MessageView } from '../components/MessageView.js';

/** The message list of one folder beside the selected message. Keyed by folder. */
export function MailView({
  folder,
  initialMessageId = null,
}: {
  folder: Folder;
  /** A message to show on opening (one the user asked for from another screen). */
  initialMessageId?: number | null;
}) {
  const label = useFolderLabel();
  const [selectedId, setSelectedId] = useState<number | null>(initialMessageId);
  return (
    <div className="mail-view">
      <MessageList
        folder={folder}
        folderLabel={label(folder)}
        selectedId={selectedId}
        onSelect={setSelectedId}
      />
      <MessageView messageId={selectedId} />
    </div>
  );
}
