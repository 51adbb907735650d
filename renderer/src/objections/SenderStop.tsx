/**
 * "Faire cesser" from the sender of a message: every identity its advertiser
 * (else its address) wrote to, in one batch with one confirmation.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDetail } from '../../../shared/types.js';
import { BatchStop } from './BatchStop.js';

export function SenderStop({ message }: { message: MessageDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="stop-button" onClick={() => setOpen(true)}>
        {t('objectionBatch.stopSender')}
      </button>
    );
  return <BatchStop source={{ senderOf: message.id }} onClose={() => setOpen(false)} />;
}
