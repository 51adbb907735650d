/**
 * Fetches the certificate a server shows, without trusting or sending
 * anything else: used to show the user what they would be pinning.
 * Speaks just enough IMAP to reach STARTTLS.
 */
import net from 'node:net';
import tls, { type DetailedPeerCertificate } from 'node:tls';
import type { CertificateInfo, Security } from '../../shared/types.js';
import { connectableHost } from './server-host.js';

export interface ProbedCertificate extends CertificateInfo {
  /** The leaf and the chain the server sent, PEM: the trust anchors for a pin. */
  chainPem: string[];
}

export async function probeCertificate(
  typedHost: string,
  port: number,
  security: Exclude<Security, 'plain'>,
  timeoutMs = 10_000,
): Promise<ProbedCertificate> {
  const host = connectableHost(typedHost);
  const servername = net.isIP(host) ? undefined : host;
  const socket =
    security === 'tls'
      ? tls.connect({ host, port, servername, rejectUnauthorized: false })
      : tls.connect({
          socket: await startTls(host, port, timeoutMs),
          servername,
          rejectUnauthorized: false,
        });
  return await new Promise<ProbedCertificate>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error('TLS probe timed out'), { code: 'ETIMEOUT' }));
    }, timeoutMs);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate(true);
      const info = describeCertificate(cert, socket.authorized);
      socket.destroy();
      resolve(info);
    });
  });
}

export function describeCertificate(
  cert: DetailedPeerCertificate,
  trusted: boolean,
): ProbedCertificate {
  const chainPem: string[] = [];
  const seen = new Set<string>();
  for (
    let c: DetailedPeerCertificate | undefined = cert;
    c?.raw && !seen.has(c.fingerprint256);
    c = c.issuerCertificate
  ) {
    seen.add(c.fingerprint256);
    chainPem.push(toPem(c.raw));
  }
  return {
    fingerprint256: cert.fingerprint256,
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    trusted,
    chainPem,
  };
}

function formatName(name: Partial<Record<string, string | string[]>> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

/** Reads the IMAP greeting, asks STARTTLS, and hands back the raw socket ready for TLS. */
function startTls(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let buffer = '';
    let sent = false;
    const timer = setTimeout(
      () => finish(Object.assign(new Error('STARTTLS probe timed out'), { code: 'ETIMEOUT' })),
      timeoutMs,
    );
    const finish = (err?: Error) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (err) {
        socket.destroy();
        reject(err);
      } else resolve(socket);
    };
    socket.once('error', (err) => finish(err));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      if (!sent && /^\* OK.*\r?\n/m.test(buffer)) {
        sent = true;
        buffer = '';
        socket.write('P1 STARTTLS\r\n');
      } else if (sent && /^P1 OK.*\r?\n/m.test(buffer)) finish();
      else if (sent && /^P1 (NO|BAD)/m.test(buffer)) {
        finish(Object.assign(new Error('Server does not support STARTTLS'), { tlsFailed: true }));
      }
      if (buffer.length > 65536) finish(new Error('Unexpected server greeting'));
    });
  });
}
