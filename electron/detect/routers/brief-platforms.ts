/**
 * Platforms the issue names that neither the older table nor the labelled
 * corpus covered: French and European campaign platforms, helpdesk and
 * transactional senders, and two Gmail-based prospecting tools. Keyed on the
 * platform's own bounce, signing and relay domains as its documentation gives
 * them; `source` says where.
 */
import type { RouterEntry } from './types.js';

export const BRIEF_ROUTERS: RouterEntry[] = [
  {
    id: 'np6',
    name: 'NP6 (MailPerformance)',
    kind: 'marketing_automation',
    website: 'https://www.np6.com',
    abuse: 'abuse@np6.com',
    domains: ['np6.com', 'np6.fr', 'mailperformance.com'],
    trackingDomains: ['np6.com', 'mailperformance.com'],
    source:
      'vendor documentation: MailPerformance bounce and tracking hosts under np6.com / mailperformance.com',
  },
  {
    id: 'adobe_campaign',
    name: 'Adobe Campaign (Neolane)',
    kind: 'marketing_automation',
    website: 'https://business.adobe.com/products/campaign/adobe-campaign.html',
    abuse: 'abuse@adobe.com',
    domains: ['neolane.net', 'campaign.adobe.com'],
    trackingDomains: ['neolane.net'],
    source:
      'Adobe Campaign managed-cloud documentation: MTAs and delegated subdomains under neolane.net',
  },
  {
    id: 'smartfocus',
    name: 'Emailvision (SmartFocus)',
    kind: 'marketing_automation',
    website: 'https://www.actito.com',
    abuse: 'abuse@actito.com',
    domains: ['emailvision.com', 'emv2.com', 'emv3.com', 'smartfocus.com'],
    trackingDomains: ['emv2.com', 'emv3.com', 'smartfocus.com'],
    source:
      'Emailvision / SmartFocus Campaign Commander: tracking and bounce hosts emv2.com / emv3.com (now Actito)',
  },
  {
    id: 'cheetah',
    name: 'Cheetah Digital (Experian CheetahMail)',
    kind: 'marketing_automation',
    website: 'https://www.marigold.com',
    abuse: 'abuse@cheetahdigital.com',
    domains: ['chtah.com', 'cheetahmail.com'],
    trackingDomains: ['chtah.com', 'cheetahmail.com'],
    source: 'CheetahMail relays mta*.chtah.com and senders adm.chtah.com (public ESP host rules)',
  },
  {
    id: 'sailthru',
    name: 'Sailthru (Marigold)',
    kind: 'marketing_automation',
    website: 'https://www.sailthru.com',
    abuse: 'abuse@sailthru.com',
    domains: ['sailthru.com'],
    trackingDomains: ['sailthru.com'],
    source:
      'Sailthru MTAs mta*.sailthru.com and bounce domain (vendor docs: custom link domains CNAME to sailthru.com); real message: test/fixtures/routers/sailthru.txt (and a forged copy: forged-sailthru-hops.txt)',
  },
  {
    id: 'zendesk',
    name: 'Zendesk',
    kind: 'esp',
    website: 'https://www.zendesk.com',
    abuse: 'abuse@zendesk.com',
    domains: ['zendesk.com', 'zdsys.com'],
    source:
      'Zendesk outbound-email guide: SPF include:mail.zendesk.com (older smtp.zendesk.com, _spf.zdsys.com), DKIM zendesk1/zendesk2 CNAMEs to zendesk.com; real message: test/fixtures/routers/zendesk.txt',
  },
  {
    id: 'freshdesk',
    name: 'Freshdesk (Freshworks)',
    kind: 'esp',
    website: 'https://www.freshworks.com/freshdesk/',
    abuse: 'abuse@freshworks.com',
    domains: ['freshdesk.com', 'freshemail.io', 'freshworks.com'],
    source:
      'Freshdesk docs: SPF include:email.freshdesk.com, DKIM CNAMEs to freshemail.io; real message: test/fixtures/routers/freshdesk.txt (SourceForge took it from mail-usn94.freshemail.io)',
  },
  {
    id: 'intercom',
    name: 'Intercom',
    kind: 'crm',
    website: 'https://www.intercom.com',
    abuse: 'abuse@intercom.io',
    // SparkPost names the pool it runs for Intercom in its own reverse DNS.
    domains: [
      'intercom-mail.com',
      'intercom.io',
      'intercom-mail-200.com',
      'intercom.com.sparkpostmail.com',
    ],
    trackingDomains: ['intercom-clicks.com', 'via.intercom.io'],
    source:
      'Intercom docs: bounce and DKIM domain intercom-mail.com; seen: relay mta-174-84-115.intercom.com.sparkpostmail.com (test/fixtures/routers/intercom.txt)',
  },
  {
    id: 'gmass',
    name: 'GMass',
    kind: 'cold_outreach',
    website: 'https://www.gmass.co',
    abuse: 'abuse@gmass.co',
    domains: ['gmass.co'],
    trackingDomains: ['gmass.co', 'ctrk.gmass.co'],
    source:
      'GMass sends through the user Gmail account; its tracking host is on gmass.co (vendor docs)',
  },
  {
    id: 'lemwarm',
    name: 'lemwarm (lemlist)',
    kind: 'cold_outreach',
    website: 'https://www.lemwarm.com',
    abuse: 'abuse@lemlist.com',
    domains: ['lemwarm.com'],
    source:
      'lemlist warm-up service: messages between enrolled mailboxes, the tool site lemwarm.com',
  },
];
