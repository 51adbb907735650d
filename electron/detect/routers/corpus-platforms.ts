/**
 * Platforms first met in the labelled real-mail corpus (../shared/corpus):
 * smaller, regional and older ESPs and campaign tools, and services that send
 * their own notifications. Each `source` names the corpus message that shows
 * the evidence the entry keys on (the relay, DKIM d= or bounce domain).
 */
import type { RouterEntry } from './types.js';

export const CORPUS_ESP_ROUTERS: RouterEntry[] = [
  {
    id: 'alibaba_directmail',
    name: 'Alibaba Cloud DirectMail',
    kind: 'esp',
    website: 'https://www.alibabacloud.com/product/directmail',
    abuse: 'https://www.alibabacloud.com/report',
    // Not aliyuncs.com (anyone's Alibaba Cloud bucket) nor aliyun-inc.com (Alibaba Mail's own
    // submission host, on people's mail).
    domains: ['dm.aliyun.com', 'dm-fbl.aliyuncs.com', 'dm-sg.aliyuncs.com'],
    source:
      'corpus 0006: relay out35-142.sg.b.dm.aliyun.com, DKIM d=dm-fbl.aliyuncs.com verified; 0291: static27-161.uszonea.dm.aliyun.com',
  },
  {
    id: 'netcore',
    name: 'Netcore (Falconide)',
    kind: 'esp',
    website: 'https://netcorecloud.com',
    abuse: 'abuse@netcorecloud.com',
    feedbackIds: ['falconide'],
    domains: [
      'ncdelivery04.com',
      'ncdelivery08.com',
      'falconide.com',
      'netcorecloud.net',
      'ftrans03.com',
    ],
    source:
      'corpus 0009: relay FMTA1-160.ncdelivery04.com, Feedback-Id 88667:202312:1:falconide, unsubscribe usub.ftrans03.com; relay mta-253.144.ncdelivery08.com in a public write-up of a Pepipost message',
  },
  {
    id: 'elastic_email',
    name: 'Elastic Email',
    kind: 'esp',
    website: 'https://elasticemail.com',
    abuse: 'abuse@elasticemail.com',
    headers: [{ name: 'x-msg-eid' }],
    domains: ['elasticemail.com', 'mxout.mta1.net', 'mxout.mta3.net', 'mxout.mta4.net'],
    source:
      'corpus 0209: relay nd154.mxout.mta3.net; 0158: n214.mxout.mta4.net; 0284: w137.mxout.mta1.net; DKIM d=elasticemail.com, X-Msg-EID',
  },
  {
    id: 'mailchannels',
    name: 'MailChannels',
    kind: 'esp',
    website: 'https://www.mailchannels.com',
    abuse: 'abuse@mailchannels.com',
    domains: ['mailchannels.net'],
    source:
      'corpus 0129: relay inbound-egress-6.mailchannels.net, Message-ID @postfix-inbound-v2-8.inbound.mailchannels.net',
  },
  {
    id: 'epsilon',
    name: 'Epsilon',
    kind: 'esp',
    website: 'https://www.epsilon.com',
    abuse: 'abuse@epsilon.com',
    domains: ['epsl1.com', 'epsilon.com'],
    source:
      'corpus 0143: relay mta124b.pmx1.epsl1.com (PayPal); 0259: mta058aa.pmx1.epsl1.com (Yahoo)',
  },
  {
    id: 'kingmailer',
    name: 'KingMailer',
    kind: 'esp',
    website: 'https://kingmailer.org',
    abuse: 'abuse@kingmailer.org',
    domains: ['kingmailer.org'],
    source: 'corpus 0147: relay kingmailer.org (68.183.82.62), sender domain ramp4u.io',
  },
  {
    id: 'zoho_zeptomail',
    name: 'Zoho TransMail (ZeptoMail)',
    kind: 'esp',
    website: 'https://www.zoho.com/zeptomail/',
    abuse: 'abuse@zeptomail.com',
    domains: ['transmail.net', 'zeptomail.com', 'zeptomail.eu', 'zeptomail.in', 'zohosalesiq.com'],
    source:
      'corpus 0020: relay sender199.eu.transmail.net, DKIM d=zohosalesiq.com verified, X-Report-Abuse abuse+...@zeptomail.eu',
  },
  {
    id: 'salsa_labs',
    name: 'Salsa Labs',
    kind: 'esp',
    website: 'https://www.salsalabs.com',
    abuse: 'abuse@salsalabs.com',
    domains: ['salsalabs.org', 'salsalabs.com'],
    source:
      'corpus 0001: relay Public-vmta-ip-11-119.salsalabs.org, SPF pass for bounces.salsalabs.org, Message-ID @salsalabs.org',
  },
];

export const CORPUS_CAMPAIGN_ROUTERS: RouterEntry[] = [
  {
    id: 'user_com',
    name: 'User.com (UserEngage)',
    kind: 'marketing_automation',
    website: 'https://user.com',
    abuse: 'abuse@user.com',
    mailers: ['userengage'],
    feedbackIds: ['userengage'],
    domains: ['mail03-userengage.com', 'userengage.com'],
    source:
      'corpus 0003: relay smtp2-1379.mail03-userengage.com, SPF pass mail03-userengage.com, Feedback-ID ...:userengage',
  },
  {
    id: 'sender_net',
    name: 'Sender.net',
    kind: 'newsletter_platform',
    website: 'https://www.sender.net',
    abuse: 'abuse@sender.net',
    domains: ['sendersrv.com'],
    trackingDomains: ['campaign-statistics.com'],
    source:
      'corpus 0011: relay mail8.sendersrv.com, SPF pass sendersrv.com, unsubscribe campaign-statistics.com',
  },
  {
    id: 'apsis',
    name: 'APSIS',
    kind: 'marketing_automation',
    website: 'https://www.apsis.com',
    abuse: 'abuse@apsis.com',
    feedbackIds: ['apsis'],
    domains: ['apsis1.com', 'aapsisone.com', 'anpdm.com', 'apsis.one'],
    trackingDomains: ['apsis.one'],
    source:
      'corpus 0145: relay 11.mta.apsis1.com, SPF pass zuni.aapsisone.com; 0220: relay rs-189.mta.anpdm.com (APSIS Newsletter Pro)',
  },
  {
    id: 'emblue',
    name: 'emBlue',
    kind: 'marketing_automation',
    website: 'https://www.embluemail.com',
    abuse: 'abuse@embluemail.com',
    domains: ['embluenitro.com', 'embluejet.com', 'embluemail.com'],
    source:
      'corpus 0211: relay nit43.embluenitro.com, DKIM d=embluenitro.com verified, bounce emark4.embluejet.com',
  },
  {
    id: 'mail2easy',
    name: 'Mail2Easy',
    kind: 'marketing_automation',
    website: 'https://www.mail2easy.com.br',
    abuse: 'abuse@mail2easy.com.br',
    feedbackIds: ['mail2easypro'],
    domains: ['ma2e.com.br', 'mail2easy.com.br'],
    source: 'corpus 0212: relay 807f6cb7-idc.tp.ma2e.com.br, Feedback-Id PRVMP:toR:mail2easypro',
  },
  {
    id: 'iagente',
    name: 'iAgente',
    kind: 'marketing_automation',
    website: 'https://www.iagente.com.br',
    abuse: 'abuse@iagente.com.br',
    domains: ['corporate-mail-br.com', 'iagente.com.br'],
    source: 'corpus 0232: relay node195.corporate-mail-br.com, X-Mailer IA4-3861',
  },
  {
    id: 'imakenews',
    name: 'iMakeNews',
    kind: 'newsletter_platform',
    website: 'https://www.imakenews.com',
    abuse: 'abuse@imakenews.com',
    domains: ['imakenews.com', 'imakenews.net'],
    source:
      'corpus 0235 (2002): relay mailservice4.imakenews.com (rDNS), bounce mediaunspun.imakenews.net',
  },
  {
    id: 'ebulteni',
    name: 'ebulteni',
    kind: 'marketing_automation',
    website: 'https://www.ebulteni.com',
    abuse: 'abuse@ebulteni.com',
    domains: ['ebulteni.com'],
    source: 'corpus 0264: relay eagle18-86.ebulteni.com through lists.sourceforge.net',
  },
  {
    id: 'arrobamail',
    name: 'Arrobamail (FMMailer)',
    kind: 'marketing_automation',
    website: 'https://www.arrobamail.com',
    abuse: 'abuse@arrobamail.com',
    mailers: ['fmmailer'],
    domains: ['fmpear.com.ar', 'arrobamail.com'],
    source:
      'corpus 0314: relay p145i146.fmpear.com.ar, Message-ID @s1.arrobamail.com, X-Mailer FMMailer v3',
  },
  {
    id: 'procurios',
    name: 'Procurios',
    kind: 'marketing_automation',
    website: 'https://www.procurios.com',
    abuse: 'abuse@procurios.nl',
    domains: ['procurios.net', 'procuriosmail.net'],
    source: 'corpus 0328: relay outgoing.procurios.net, DKIM d=procuriosmail.net',
  },
  {
    id: 'lyris',
    name: 'Lyris ListManager',
    kind: 'newsletter_platform',
    website: 'https://www.aurea.com',
    abuse: 'abuse@lyris.com',
    mailers: ['lyris listmanager'],
    domains: ['sendoutmail.com', 'lyris.net'],
    source:
      'corpus 0166 (2002): relay ls9.sendoutmail.com (rDNS) behind a fetchmail hop, X-Mailer Lyris ListManager',
  },
  {
    id: 'mailwizz',
    name: 'MailWizz',
    kind: 'newsletter_platform',
    website: 'https://www.mailwizz.com',
    // Software on the sender's own server: abuse goes to that server's host, not to a vendor.
    abuse: null,
    // Campaign and list uids are 13 characters; the paths are MailWizz's frontend routes.
    selfHostedPaths: [
      /^\/(?:index\.php\/)?campaigns\/[a-z0-9]{13}\/(?:report-abuse|track-url|track-opening|web-version)\//,
      /^\/(?:index\.php\/)?lists\/[a-z0-9]{13}\/unsubscribe\/[a-z0-9]{13}/,
    ],
    source:
      'corpus 0241: list-server hop uyt.hwinfotech.net, X-Report-Abuse and unsubscribe links on app.hwinfotech.net/index.php; 0298: server4.109superoffers.com, track-url links on app.109superoffers.com/index.php',
  },
  {
    id: 'interspire',
    name: 'Interspire Email Marketer',
    kind: 'newsletter_platform',
    website: 'https://www.interspire.com/emailmarketer',
    abuse: null,
    // Its link, open, unsubscribe and web-version scripts, under the install's folder (any
    // depth): unanchored, each led by a literal, so a path is scanned once.
    selfHostedPaths: [
      /\/link\.php\?M=\d{1,12}&N=\d{1,12}&L=\d{1,12}&F=[HT]/,
      /\/open\.php\?M=\d{1,12}&L=\d{1,12}&N=\d{1,12}&F=[HT]/,
      /\/(?:unsubscribe|display)\.php\?M=\d{1,12}&C=[0-9a-f]{32}/,
    ],
    source:
      'test/fixtures/routers/interspire.txt: SourceForge MX hop from ewsrv1.com.br, links ewsrv1.com.br/mkt/link.php?M=&N=&L=&F=H, open.php, unsubscribe.php?M=&C=; the scripts as admin/functions/api/ss_email.php writes them (a copy of the software published as SabEsTudoBR/iem)',
  },
];

export const CORPUS_SERVICE_ROUTERS: RouterEntry[] = [
  {
    id: 'salesforce',
    name: 'Salesforce',
    kind: 'crm',
    website: 'https://www.salesforce.com',
    abuse: 'abuse@salesforce.com',
    headers: [{ name: 'x-sfdc-lk' }],
    domains: ['mta.salesforce.com', 'bnc.salesforce.com', 'salesforce.com'],
    source:
      'corpus 0160/0162: relay smtp15-ia5-sp3.mta.salesforce.com, SPF pass *.bnc.salesforce.com; 0005: core1.sfdc-yzvdd4.mta.salesforce.com',
  },
  {
    id: 'github',
    name: 'GitHub',
    kind: 'esp',
    website: 'https://github.com',
    abuse: 'https://support.github.com/contact/report-abuse',
    domains: ['github.com', 'smtp.github.com'],
    source:
      'corpus 0017/0018/0033: relay out-2x.smtp.github.com, DKIM d=github.com verified, SPF pass github.com',
  },
  {
    id: 'google',
    name: 'Google',
    kind: 'esp',
    website: 'https://www.google.com',
    abuse: 'https://support.google.com/mail/contact/abuse',
    // Never keyed on the relay (every Gmail user sends through mail-*.google.com):
    // only Google's own signature or bounce domain names it.
    domains: ['bounces.google.com'],
    signingDomains: ['google.com'],
    source:
      'corpus 0146: Google Photos notification, DKIM d=google.com verified, SPF pass chime-notifications.bounces.google.com',
  },
  {
    id: 'govdelivery',
    name: 'GovDelivery (Granicus)',
    kind: 'newsletter_platform',
    website: 'https://granicus.com',
    abuse: 'abuse@granicus.com',
    domains: ['govdelivery.com', 'messagingfabric.com'],
    source:
      'corpus 0029/0161: relay mailerNNN.govdN.service.govdelivery.com, DKIM d=messagingfabric.com verified',
  },
  {
    id: 'kajabi',
    name: 'Kajabi',
    kind: 'newsletter_platform',
    website: 'https://kajabi.com',
    abuse: 'abuse@kajabi.com',
    domains: ['kajabimail.net', 'kajabi-mail.net'],
    source:
      'corpus 0008: relay mail229-238.static.kajabimail.net, DKIM and SPF pass d.kajabimail.net; 0031: kajabi-mail.net (Mailgun underneath)',
  },
  {
    id: 'eventbrite',
    name: 'Eventbrite',
    // Its own order and event notifications, like GitHub's: not a campaign tool.
    kind: 'esp',
    website: 'https://www.eventbrite.com',
    abuse: 'https://www.eventbrite.com/support/contact-us',
    domains: ['eventbrite.com'],
    source:
      'corpus 0019/0028: relay mta-70-3-13x.eventbrite.com.sparkpostmail.com, DKIM d=order.eventbrite.com / event.eventbrite.com verified, SPF pass bounce.eventbrite.com',
  },
  {
    id: 'smartsheet',
    name: 'Smartsheet',
    kind: 'esp',
    website: 'https://www.smartsheet.com',
    abuse: 'abuse@smartsheet.com',
    domains: ['smartsheet.com'],
    source:
      'corpus 0026: relay mta-174-86-102.smartsheet.sparkpostmail.com, DKIM d=app.smartsheet.com verified, SPF pass bounce.smartsheet.com',
  },
  {
    id: 'servicenow',
    name: 'ServiceNow',
    kind: 'esp',
    website: 'https://www.servicenow.com',
    abuse: 'abuse@servicenow.com',
    domains: ['service-now.com'],
    source: 'corpus 0343: relay outbound403.service-now.com, Message-ID @service-now.com',
  },
];
