/**
 * The mail format (RFC 5322 and friends): header blocks, addresses, dates,
 * Received and Authentication-Results fields, and the summary a list shows.
 * Pure parsing, no decisions: detection, mailbox, relationships, importer,
 * sync and the CLI all read mail through this module.
 */
export {
  parseHeaderBlock,
  headerBlockOf,
  decodeHeaderValue,
  type ParsedHeaders,
  type HeaderField,
} from './headers.js';
export {
  parseAddressList,
  firstAddress,
  domainOf,
  localPartOf,
  registrableDomain,
  angleAddress,
  messageIds,
  messageIdHost,
  isFreemail,
  FREEMAIL_DOMAINS,
  type ParsedAddress,
} from './address.js';
export { parseReceived, firstToken, type ReceivedHop } from './received.js';
export { readAuthResults, type AuthResults } from './auth-results.js';
export { parseMessageDate, parseInternalDate } from './dates.js';
export { rawField } from './raw-fields.js';
export { collapseDoubledCarriageReturns } from './line-ends.js';
export { mediaTypeOf, unpartedBody } from './unparted-body.js';
export { parseListUnsubscribe } from './list-unsubscribe.js';
export { parseDkimSignature, type DkimSignatureTags } from './dkim-signature.js';
export { headerEvidenceOf, type HeaderEvidence } from './header-evidence.js';
export {
  summarizeHeaders,
  SENT_BY_APP_HEADER,
  summarizeParsed,
  splitHeaderBlock,
  senderAndUnsubscribe,
  listHeaderFields,
  type HeaderSummary,
} from './summary.js';
// Small string and memo helpers the parsers and detection's hot path share.
export { addOnce } from './text.js';
export { memoTable, forgetMemos, detached } from './memo.js';
