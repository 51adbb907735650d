/** Generated at build time from package-lock.json (vite.config.ts, build/licences.ts). */
declare module 'virtual:licences' {
  const licences: Array<{ name: string; version: string; licence: string | null }>;
  export default licences;
}
