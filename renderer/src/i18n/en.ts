import type { Messages } from './fr.js';

/** English: the same keys as French, checked by the compiler. */
export const en: Messages = {
  app: {
    name: 'Inbox Guard',
  },
  common: {
    loading: 'Loading…',
    cancel: 'Cancel',
    close: 'Close',
    retry: 'Try again',
    technicalDetails: 'Technical details',
    optional: 'optional',
  },
  language: {
    label: 'Interface language',
    fr: 'Français',
    en: 'English',
  },
  welcome: {
    title: 'Welcome to Inbox Guard',
    line1:
      'Inbox Guard finds the prospecting and marketing in your inboxes that you never asked for.',
    line2:
      'It files or deletes it by your rules, asks senders to stop, and keeps the evidence if they carry on.',
    openDemo: 'Open the demo mailbox',
    openDemoHint: 'Made-up messages, to see the app at work without connecting anything.',
    openingDemo: 'Opening the demo…',
    addMailbox: 'Add a mailbox',
    addMailboxHint: 'Gmail, Outlook, Orange, Free, Proton and any IMAP server.',
    local: 'Everything stays on this computer: no message or password ever leaves it.',
  },
  sidebar: {
    mailboxes: 'Mailboxes',
    addMailbox: 'Add a mailbox',
    settingsOf: 'Settings of {{name}}',
    localBadge: 'Local',
    foldersOf: 'Folders of {{name}}',
    refreshFolders: 'Refresh folders',
    noFolders: 'No folders yet.',
    folderCount_one: '{{count, number}} message',
    folderCount_other: '{{count, number}} messages',
    folderUnseen_one: '{{count, number}} unread',
    folderUnseen_other: '{{count, number}} unread',
  },
  folders: {
    inbox: 'Inbox',
    sent: 'Sent',
    drafts: 'Drafts',
    trash: 'Trash',
    junk: 'Junk',
    archive: 'Archive',
    all: 'All Mail',
    flagged: 'Flagged',
  },
  messages: {
    search: 'Search this folder',
    searchPlaceholder: 'Sender or subject',
    listOf: 'Messages in {{folder}}',
    noSubject: '(no subject)',
    unknownSender: '(unknown sender)',
    unsubscribeBadge: 'Unsubscribe',
    unsubscribeBadgeTitle: 'This message offers a way to unsubscribe (List-Unsubscribe header).',
    range: '{{from, number}}–{{to, number}} of {{total, number}}',
    previous: 'Previous page',
    next: 'Next page',
    empty: 'This folder is empty.',
    emptySearch: 'No message matches “{{search}}”.',
    notFetched_one:
      'The server counts {{count, number}} message in this folder. Inbox Guard has not read it yet: syncing comes in a later version.',
    notFetched_other:
      'The server counts {{count, number}} messages in this folder. Inbox Guard has not read them yet: syncing comes in a later version.',
    chooseFolder: 'Choose a folder on the left.',
  },
  message: {
    none: 'Select a message to see its headers.',
    from: 'From',
    to: 'To',
    date: 'Date',
    listUnsubscribe: 'Offers unsubscribe',
    allHeaders_one: 'Full header ({{count}} field)',
    allHeaders_other: 'Full header ({{count}} fields)',
    bodyLater:
      'The message content will show here in a later version, without ever loading anything remote.',
  },
  account: {
    addTitle: 'Add a mailbox',
    editTitle: 'Edit {{name}}',
    intro:
      'Inbox Guard connects over IMAP, like an email program. Your password is encrypted on this computer and never leaves it.',
    email: 'Email address',
    name: 'Name in Inbox Guard',
    namePlaceholder: 'Work, Personal…',
    provider: 'Provider',
    providerGuessed: 'Recognised from your address.',
    customProvider: 'Other (custom settings)',
    imapSection: 'Incoming (IMAP)',
    smtpSection: 'Outgoing (SMTP), for objection letters later',
    host: 'Server',
    port: 'Port',
    security: 'Security',
    securityTls: 'TLS',
    securityStarttls: 'STARTTLS',
    securityPlain: 'None (this computer only)',
    user: 'User name',
    password: 'Password',
    passwordKeep: 'Leave empty to keep the saved password; type it to test the connection.',
    smtpPassword: 'SMTP password',
    smtpPasswordHint: 'Leave empty if it is the same as for incoming mail.',
    test: 'Test connection',
    testing: 'Testing…',
    add: 'Add',
    adding: 'Adding…',
    save: 'Save',
    saving: 'Saving…',
    testOk_one: 'Connection works: {{count}} folder found.',
    testOk_other: 'Connection works: {{count}} folders found.',
    pinned: 'You trust this certificate for this account:',
    unpin: 'Stop trusting it',
  },
  hints: {
    appPassword:
      'This provider asks for an app password: create one in your account’s security settings, then enter it here instead of your usual password.',
    bridge:
      'Proton Mail works through Proton Mail Bridge: run Bridge on this computer and enter the user name and password it shows, not those of your Proton account. Bridge has its own certificate: trust it when Inbox Guard shows it to you.',
    enableImap: 'First turn on IMAP access in your webmail’s settings, then come back here.',
  },
  certificate: {
    title: 'Certificate shown by the server',
    subject: 'Issued to',
    issuer: 'Issued by',
    validity: 'Valid',
    validityRange: 'from {{from}} to {{to}}',
    fingerprint: 'SHA-256 fingerprint',
    trust: 'Trust this certificate for this account',
  },
  settings: {
    title: 'Settings of {{name}}',
    localInfo: 'This source is a read-only copy of messages, stored on this computer.',
    addedOn: 'Added on {{date}}',
    saved: 'Changes saved.',
    dangerTitle: 'Remove',
    remove: 'Remove this account',
    removeLocal: 'Remove this source',
    confirmTitle: 'Remove “{{name}}”?',
    confirmImap:
      'Inbox Guard will forget this account, its password and what it learned from it. Your messages stay untouched on the server.',
    confirmLocal:
      'Inbox Guard will forget these imported messages. The original files are not touched.',
    confirm: 'Remove',
    removing: 'Removing…',
  },
  progress: {
    region: 'Tasks in progress',
    counted: '{{done, number}} of {{total, number}}',
  },
  toast: {
    region: 'Notifications',
    close: 'Dismiss the notification',
  },
  errors: {
    theServer: 'the server',
    unknown: 'unknown',
    field: 'The field “{{field}}” is not valid: correct it and try again.',
    transport:
      'Inbox Guard no longer answers. If you started it with “npm run serve”, check that it is still running, then reload the page.',
    INVALID_INPUT: 'Something you entered is not valid: check the form and try again.',
    UNKNOWN_CALL:
      'This window does not match the version of Inbox Guard that is running. Close it and start the app again.',
    UNAUTHORIZED:
      'This page does not have the access key to Inbox Guard. Open the full address printed by “npm run serve”: it contains the key.',
    NOT_FOUND: 'This item no longer exists; it was probably removed meanwhile. Refresh the list.',
    CONFLICT:
      'This mailbox is already set up in Inbox Guard. Edit the existing account rather than adding a second one.',
    AUTH_FAILED:
      'User name or password refused by {{server}}. Check both; Gmail, Outlook, Yahoo and iCloud require an app password rather than your usual one.',
    HOST_NOT_FOUND:
      'Cannot find {{server}} on the network. Check the server name and your internet connection.',
    HOST_UNREACHABLE:
      'Cannot reach {{server}}: the connection was refused or the network does not answer. Check the port and the security setting (TLS usually uses port 993, STARTTLS port 143).',
    TLS_CERT_UNTRUSTED:
      'The security certificate shown by {{server}} is not recognised. If this server uses its own certificate, compare its fingerprint with the one its administrator gave you, then trust it for this account.',
    TLS_PIN_MISMATCH:
      'The certificate of {{server}} has changed since you trusted it (new fingerprint: {{fingerprint}}). Someone may be intercepting the connection: check with your provider before trusting the new certificate.',
    TLS_HANDSHAKE_FAILED:
      'A secure connection to {{server}} could not be set up. Check the security setting: port 993 uses TLS, port 143 uses STARTTLS.',
    TIMEOUT:
      'No answer from {{server}} in time. Check the server name and the port, or try again later.',
    CONNECTION_LOST:
      'The connection to {{server}} was cut. Check your internet connection, then try again.',
    PLAIN_NOT_ALLOWED:
      'Without encryption, your password would travel in clear to {{server}}. Choose TLS or STARTTLS; unencrypted connections are only for servers running on this computer.',
    SECRETS_UNAVAILABLE:
      'Inbox Guard cannot protect your passwords on this computer, so it refuses to save them. Check that the system keyring (or the key file in the data folder) is available, then try again.',
    DB_FROM_FUTURE:
      'Your data was saved by a newer version of Inbox Guard. Install that version or a newer one; this one will not modify it.',
    IMPORT_FAILED:
      'The import did not work: no readable message at that location. Choose an .mbox file, an .eml file or a folder of .eml files.',
    INTERNAL:
      'Something unexpected went wrong inside Inbox Guard. Try again; if it happens again, the log file in the data folder has the details.',
  },
};
