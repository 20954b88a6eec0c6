/** A logged-in HTTP client of the real server, for setting up what a browser test does not exercise. */
export interface ApiClient {
  /** The logged-in user, as the login answered. */
  user: { id: number; username: string; role: string; organisationUscc: string | null };
  call: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  upload: <T>(path: string, name: string, type: string, content: Buffer) => Promise<T>;
}

export async function apiLogin(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: ApiClient['user'] };
  const send = async <T>(method: string, path: string, body: BodyInit | undefined, json: boolean): Promise<T> => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'accept-language': 'zh-CN', ...(json ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} as ${username}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    user,
    call: (method, path, body) => send(method, path, body === undefined ? undefined : JSON.stringify(body), body !== undefined),
    upload: (path, name, type, content) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)], { type }), name);
      return send('POST', path, form, false);
    },
  };
}
