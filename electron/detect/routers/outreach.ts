/**
 * Cold-outreach and sales-engagement tools. They send through the
 * prospector's own Google Workspace or Microsoft 365 mailbox, so the headers
 * look like a person's mail: what gives them away is the open-tracking pixel
 * and the link rewriting in the body, and sometimes a vendor header.
 *
 * None of that is proof: a tool seen only there comes back as `claimed` (a
 * hint for the verdict), never as the router. `domains` holds the tool's own
 * sending infrastructure, which names it when the receiving side verified it.
 */
import type { RouterEntry } from './types.js';

export const OUTREACH_ROUTERS: RouterEntry[] = [
  {
    id: 'lemlist',
    name: 'lemlist',
    kind: 'cold_outreach',
    website: 'https://www.lemlist.com',
    abuse: 'abuse@lemlist.com',
    domains: ['lemlist.com'],
    trackingDomains: ['lemlist.com', 'lemlst.com'],
    // lemlist ids carry typed prefixes (usr_, tea_, lea_): they show through custom tracking domains.
    trackingPaths: ['/api/t/c/usr_', '/api/t/o/usr_', '/api/unsubscribe/tea_'],
    source:
      'shared tracking host on lemlist.com; custom domains CNAME to custom.lemlist.com (vendor help); typed ids usr_/tea_/lea_ in tracking paths',
  },
  {
    id: 'apollo',
    name: 'Apollo.io',
    kind: 'cold_outreach',
    website: 'https://www.apollo.io',
    abuse: 'abuse@apollo.io',
    domains: ['apollo.io'],
    trackingDomains: [
      'apollo.io',
      'apollomail.io',
      'apollo-mail.io',
      'tryapollo.io',
      'aplolinks.com',
    ],
    source:
      'tracking hosts on apollo.io; custom tracking subdomains CNAME to <tenant>.aplolinks.com (observed, public tracker catalogues)',
  },
  {
    id: 'outreach',
    name: 'Outreach',
    kind: 'cold_outreach',
    website: 'https://www.outreach.io',
    abuse: 'abuse@outreach.io',
    domains: ['outreach.io'],
    trackingDomains: ['outrch.com', 'outreach.io', 'getoutreach.com', 'outreach-mail.com'],
    source: 'tracking t.outreach.io / outrch.com (public tracker lists)',
  },
  {
    id: 'salesloft',
    name: 'Salesloft',
    kind: 'cold_outreach',
    website: 'https://salesloft.com',
    abuse: 'abuse@salesloft.com',
    domains: ['salesloft.com'],
    trackingDomains: ['salesloftlinks.com', 'salesloft.com'],
    source: 'tracking track.salesloft.com / salesloftlinks.com (public tracker lists)',
  },
  {
    id: 'woodpecker',
    name: 'Woodpecker',
    kind: 'cold_outreach',
    website: 'https://woodpecker.co',
    abuse: 'abuse@woodpecker.co',
    domains: ['woodpecker.co'],
    trackingDomains: ['woodpecker.co', 'wdpckr.com'],
    source: 'shared tracking on woodpecker.co (vendor docs)',
  },
  {
    id: 'instantly',
    name: 'Instantly',
    kind: 'cold_outreach',
    website: 'https://instantly.ai',
    abuse: 'abuse@instantly.ai',
    domains: ['instantly.ai'],
    trackingDomains: ['instantly.ai', 'instantlyemail.com'],
    source: 'shared tracking click.instantly.ai (deliverability guides)',
  },
  {
    id: 'smartlead',
    name: 'Smartlead',
    kind: 'cold_outreach',
    website: 'https://www.smartlead.ai',
    abuse: 'abuse@smartlead.ai',
    domains: ['smartlead.ai'],
    trackingDomains: ['smartlead.ai', 'sleadtrack.com'],
    source: 'shared tracking on sleadtrack.com / smartlead.ai (deliverability guides)',
  },
  {
    id: 'reply_io',
    name: 'Reply.io',
    kind: 'cold_outreach',
    website: 'https://reply.io',
    abuse: 'abuse@reply.io',
    domains: ['reply.io'],
    trackingDomains: ['reply.io', 'replyio.net'],
    source: 'shared tracking on reply.io (vendor docs)',
  },
  {
    id: 'mailshake',
    name: 'Mailshake',
    kind: 'cold_outreach',
    website: 'https://mailshake.com',
    abuse: 'abuse@mailshake.com',
    domains: ['mailshake.com'],
    trackingDomains: ['mailshake.com', 'mlshk.com'],
    source: 'shared tracking on mailshake.com (vendor docs)',
  },
  {
    id: 'lagrowthmachine',
    name: 'La Growth Machine',
    kind: 'cold_outreach',
    website: 'https://lagrowthmachine.com',
    abuse: 'contact@lagrowthmachine.com',
    domains: ['lagrowthmachine.com'],
    trackingDomains: ['lagrowthmachine.com', 'lgm-tracking.com'],
    source: 'shared tracking on lagrowthmachine.com (vendor docs)',
  },
  {
    id: 'waalaxy',
    name: 'Waalaxy',
    kind: 'cold_outreach',
    website: 'https://www.waalaxy.com',
    abuse: 'support@waalaxy.com',
    domains: ['waalaxy.com'],
    trackingDomains: ['waalaxy.com', 'waalaxymail.com'],
    source: 'shared tracking on waalaxy.com (vendor docs)',
  },
  {
    id: 'lusha',
    name: 'Lusha',
    kind: 'cold_outreach',
    website: 'https://www.lusha.com',
    abuse: 'privacy@lusha.com',
    domains: ['lusha.com'],
    trackingDomains: ['lusha.com', 'lusha.co'],
    source: 'Lusha sequences tracking on lusha.com (vendor docs)',
  },
  {
    id: 'yesware',
    name: 'Yesware',
    kind: 'cold_outreach',
    website: 'https://www.yesware.com',
    abuse: 'abuse@yesware.com',
    domains: ['yesware.com'],
    trackingDomains: ['yesware.com', 'yeswarestat.com'],
    source: 'open pixel t.yesware.com (public tracker lists)',
  },
  {
    id: 'mixmax',
    name: 'Mixmax',
    kind: 'cold_outreach',
    website: 'https://www.mixmax.com',
    abuse: 'abuse@mixmax.com',
    domains: ['mixmax.com'],
    trackingDomains: ['mixmax.com', 'mixmaxusercontent.com'],
    source: 'tracking track.mixmax.com / email.mixmax.com (public tracker lists)',
  },
];
