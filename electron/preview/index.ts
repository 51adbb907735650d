export { previewHandlers, type PreviewHandlerDeps } from './handlers.js';
export { readMessageBody, PREVIEW_MAX_CHARS } from './body.js';
