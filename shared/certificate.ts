/** A server's TLS certificate as the user sees it before trusting it. */
export interface CertificateInfo {
  fingerprint256: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** True when the system's trust store vouches for it. */
  trusted: boolean;
}
