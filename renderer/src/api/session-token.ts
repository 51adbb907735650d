/**
 * The serve mode's session token. It arrives in the URL fragment (never sent
 * to the server in a request line, so it stays out of logs), is moved to
 * sessionStorage so a reload keeps working, and is removed from the visible
 * address so it does not end up in a screenshot or a copied link.
 */
const STORAGE_KEY = 'inbox-guard.session-token';

/** The token this page took, for the requests the API object does not make (downloads). */
let taken: string | null = null;

export function currentSessionToken(): string | null {
  return taken;
}

export function takeSessionToken(): string | null {
  taken = readSessionToken();
  return taken;
}

function readSessionToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      sessionStorage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token still works for this page's life.
    }
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', pathname + search);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
