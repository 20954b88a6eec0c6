/** An address on the public site, for links in certificates and e-mail: KEPING_PUBLIC_URL + path. */
export function siteUrl(path: string): string {
  return `${(process.env.KEPING_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '')}${path}`;
}
