/**
 * Email service providers: the transport layer that other platforms (and
 * companies directly) send through. Fingerprints were checked against real
 * messages from public mail archives where "source" says "seen".
 */
import type { RouterEntry } from './types.js';

export const ESP_ROUTERS: RouterEntry[] = [
  {
    id: 'mandrill',
    name: 'Mandrill (Mailchimp Transactional)',
    kind: 'esp',
    website: 'https://mandrillapp.com',
    abuse: 'abuse@mandrill.com',
    headers: [{ name: 'x-mandrill-user', value: /^md_\d{1,12}/ }],
    feedbackIds: ['md'],
    domains: ['mandrillapp.com', 'mandrill.com'],
    trackingDomains: ['mandrillapp.com'],
    accountId: [
      { source: 'header', header: 'x-mandrill-user', pattern: /^md_(\d{1,12})/ },
      { source: 'feedback-id', pattern: /^(\d{1,12}):\d{1,12}\.\d{1,10}:md$/i },
    ],
    source:
      'seen: X-Mandrill-User md_<id>, Feedback-ID <id>:<id>.<date>:md, HELO mailN.atlNN.mandrillapp.com, X-Report-Abuse to abuse@mandrill.com',
  },
  {
    id: 'sendgrid',
    name: 'SendGrid (Twilio)',
    kind: 'esp',
    website: 'https://sendgrid.com',
    abuse: 'abuse@sendgrid.com',
    headers: [{ name: 'x-sg-eid' }, { name: 'x-sg-id' }],
    domains: ['sendgrid.net', 'sendgrid.com', 'sendgrid.info'],
    // Shared and dedicated MTAs, whatever rDNS the customer set: corpus 0016/0042/0151/0230/0255
    // (149.72.x, 168.245.x, 167.89.x); ranges as in github.com/mso9999/pr-system scripts/check-sendgrid-ips.md.
    ipRanges: ['149.72.0.0/16', '167.89.0.0/16', '168.245.0.0/16', '159.183.0.0/16'],
    // Domain authentication points em<N>.<customer domain> at u<uid>.wl<N>.sendgrid.net (the
    // CNAMEs SendGrid hands out, e.g. pastebin.com/q2sppdZL); its bounces are
    // bounces+<uid>-<hash>-<recipient>@em<N>.<domain> (corpus 0027, 0042).
    bounceAddresses: [/^bounces\+\d{3,12}-[0-9a-f]{4}-\S{1,250}@em\d{1,6}\.[a-z0-9.-]{3,200}$/],
    trackingDomains: ['sendgrid.net'],
    accountId: [
      { source: 'return-path', pattern: /^bounces\+(\d{3,12})-/ },
      { source: 'body', pattern: /\bu(\d{3,12})\.ct\.sendgrid\.net/ },
    ],
    source:
      'seen: X-SG-EID/X-SG-ID (RFC 2047 words), bounces+<uid>-...@sendgrid.net, relay *.outbound-mail.sendgrid.net, Received by geopod-ismtpd, links u<uid>.ct.sendgrid.net',
  },
  {
    id: 'amazon_ses',
    name: 'Amazon SES',
    kind: 'esp',
    website: 'https://aws.amazon.com/ses/',
    abuse: 'abuse@amazonaws.com',
    headers: [{ name: 'x-ses-outgoing', value: /^\d{4}\.\d{2}\.\d{2}-/ }],
    feedbackIds: ['amazonses'],
    domains: ['amazonses.com'],
    trackingDomains: ['awstrack.me'],
    accountId: [
      { source: 'feedback-id', pattern: /^1\.[a-z0-9-]{4,20}\.([A-Za-z0-9+/]{16,60}=*):/ },
    ],
    source:
      'seen: Feedback-ID 1.<region>.<hash>=:AmazonSES, X-SES-Outgoing <date>-54.240.x.x, Message-ID @<region>.amazonses.com',
  },
  {
    id: 'mailgun',
    name: 'Mailgun (Sinch)',
    kind: 'esp',
    website: 'https://www.mailgun.com',
    abuse: 'abuse@mailgun.com',
    headers: [{ name: 'x-mailgun-sid' }, { name: 'x-mailgun-variables' }],
    domains: ['mailgun.org', 'mailgun.net', 'mailgun.info'],
    trackingDomains: ['mailgun.org', 'mailgun.net'],
    source: 'X-Mailgun-Sid on every message; shared domains mailgun.org/.net (vendor docs)',
  },
  {
    id: 'sparkpost',
    name: 'SparkPost (Bird)',
    kind: 'esp',
    website: 'https://www.sparkpost.com',
    abuse: 'abuse@sparkpost.com',
    headers: [{ name: 'x-msfbl' }],
    domains: ['sparkpostmail.com', 'sparkpostmail1.com', 'sparkpostmail2.com', 'sparkpost.com'],
    trackingDomains: ['spgo.io', 'sparkpostmail.com', 'sparkpostmail2.com'],
    accountId: [{ source: 'return-path', pattern: /bounces-(\d{2,10})(?:-|@)/ }],
    source:
      'X-MSFBL feedback header; msprvs1=...=bounces-<account>@sparkpostmail.com (vendor docs); real message: test/fixtures/routers/sparkpost.txt',
  },
  {
    id: 'postmark',
    name: 'Postmark (ActiveCampaign)',
    kind: 'esp',
    website: 'https://postmarkapp.com',
    abuse: 'abuse@postmarkapp.com',
    // Proton Mail also writes X-Pm-Message-ID (40 hex chars): Postmark's is a UUID.
    headers: [
      {
        name: 'x-pm-message-id',
        value: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      },
      { name: 'x-pm-rcpt' },
    ],
    domains: ['mtasv.net', 'postmarkapp.com'],
    trackingDomains: ['pstmrk.it'],
    source:
      'seen: pm_bounces@pm.mtasv.net, DKIM d=pm.mtasv.net, custom pm-bounces.<domain>; X-PM-Message-Id collides with Proton (hex) so the UUID form is required; real message: test/fixtures/routers/postmark.txt',
  },
  {
    id: 'mailjet',
    name: 'Mailjet',
    kind: 'esp',
    website: 'https://www.mailjet.com',
    abuse: 'abuse@mailjet.com',
    headers: [{ name: 'x-mj-mid' }, { name: 'x-mj-smtpguid' }, { name: 'x-mailjet-campaign' }],
    feedbackIds: ['mj'],
    domains: ['mailjet.com', 'mjt.lu'],
    trackingDomains: ['mjt.lu', 'mailjet.com'],
    accountId: [{ source: 'feedback-id', pattern: /^\d{1,4}\.(\d{3,10})\.\d{1,12}:mj$/i }],
    source:
      'seen: Feedback-Id 42.<account>.<campaign>:MJ, X-MJ-Mid, X-MJ-SMTPGUID, X-REPORT-ABUSE-TO abuse@mailjet.com',
  },
  {
    id: 'firebase',
    name: 'Firebase / Google-hosted sender',
    kind: 'esp',
    website: 'https://firebase.google.com',
    abuse: 'https://support.google.com/mail/contact/abuse',
    domains: ['firebaseapp.com'],
    accountId: [{ source: 'from', pattern: /@([a-z0-9-]{3,60})\.firebaseapp\.com$/ }],
    source: 'Firebase Auth mail: From noreply@<project>.firebaseapp.com, DKIM of firebaseapp.com',
  },
];
