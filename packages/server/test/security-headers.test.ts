/** Browser security headers on every answer: a strict CSP that forbids framing, nosniff, no referrer leaks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './databases.js';
import { type Harness, startHarness } from './harness.js';

describe.each(DATABASES.slice(0, 1))('security headers ($name)', (database) => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(database); });
  afterAll(async () => { await h.dispose(); });

  it('sends the CSP, frame denial and nosniff on API answers and on errors', async () => {
    for (const url of ['/api/health', '/api/does-not-exist', '/some/page']) {
      const res = await h.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });
});
