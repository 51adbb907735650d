/** What objections read of a message's detection results. */
import type { MessageDetail } from '../../shared/types.js';
import { findRouter } from '../detect/routers/index.js';
import { domainOf, registrableDomain } from '../mail-format/index.js';

export function identityOf(m: MessageDetail): string {
  return (m.identity ?? m.to[0]?.address ?? '').toLowerCase();
}

export function advertiserDomainOf(m: MessageDetail): string {
  const domain = m.classification?.advertiser?.domain;
  if (domain) return domain.toLowerCase();
  const sender = m.from?.address ?? '';
  return registrableDomain(domainOf(sender)) ?? domainOf(sender);
}

export function advertiserLabel(m: MessageDetail): string {
  const a = m.classification?.advertiser;
  return a?.name ?? a?.domain ?? m.from?.name ?? m.from?.address ?? '';
}

/** The router's infrastructure domains: its DKIM d= is aligned for one-click. */
export function routerDomainsOf(m: MessageDetail): string[] {
  const id = m.classification?.router?.id;
  return id ? (findRouter(id)?.domains ?? []) : [];
}
