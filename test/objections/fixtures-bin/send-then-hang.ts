/**
 * Child process of the ledger's kill test: sends a mailto unsubscribe and
 * stops dead once its intent is committed, before the SMTP server is
 * touched, waiting to be killed. Arguments: data folder, message id, mailto URI.
 */
import { createCore } from '../../../electron/core/index.js';

const [dataDir, messageId, mailto] = process.argv.slice(2);
const core = createCore({
  dataDir: dataDir!,
  objections: {
    beforeNetwork(entry) {
      process.stdout.write(`intent-committed ${entry.id}\n`);
      return new Promise<void>(() => undefined);
    },
  },
});
const request = { channel: 'mailto' as const, to: mailto! };
await core.call('objections.send', {
  messageId: Number(messageId),
  requests: [request],
  confirmation: [request],
});
process.stdout.write('sent\n');
