/**
 * A real OpenID Connect provider (oidc-provider) on a random local port for the tests, with one
 * confidential client and accounts whose claims a test may change between logins. Its development
 * login form accepts any password; `signIn` drives that form and the consent page with fetch.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email?: string;
  emailVerified?: boolean;
  preferredUsername?: string;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Claims by subject (the login typed in the form), read at every token and userinfo request. */
  accounts: Map<string, TestAccount>;
  /**
   * Follows the authorization URL through the login form (as `login`) and consent until the provider
   * redirects to a URL starting with `stopAt`; returns that URL.
   */
  signIn(authorizationUrl: string, login: string, stopAt: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestProvider(redirectUri: string, clientSecret = 'Test-Client-Secret-7f3a9c'): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  const clientId = 'keping-test';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    cookies: { keys: ['test-cookie-key-only-for-tests'] },
    pkce: { methods: ['S256'], required: () => true },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => {
        const a = accounts.get(sub) ?? {};
        return { sub, email: a.email, email_verified: a.emailVerified ?? true, preferred_username: a.preferredUsername, name: a.name };
      },
    }),
  });
  server.on('request', provider.callback());

  async function signIn(authorizationUrl: string, login: string, stopAt: string): Promise<string> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const remember = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair = ''] = c.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
    };
    let url = authorizationUrl;
    let init: RequestInit = {};
    for (let step = 0; step < 20; step++) {
      if (url.startsWith(stopAt)) return url;
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: cookieHeader() } });
      remember(res);
      init = {};
      const location = res.headers.get('location');
      if (location) { url = new URL(location, url).href; continue; }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
      const fields = new URLSearchParams();
      for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields.set(m[1] ?? '', m[2] ?? '');
      if (fields.get('prompt') === 'login') { fields.set('login', login); fields.set('password', 'any'); }
      url = new URL(action, url).href;
      init = { method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    }
    throw new Error('the provider did not redirect back');
  }

  return {
    issuer, clientId, clientSecret, accounts, signIn,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
