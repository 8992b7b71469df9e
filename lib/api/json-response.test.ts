import { describe, expect, it } from 'vitest';
import { jsonResponse } from './json-response';

describe('jsonResponse', () => {
  it('keeps status and headers, and marks a small answer not to be compressed or stored', async () => {
    const res = jsonResponse({ message: 'naïve – ✓' }, { status: 409, headers: { 'x-request-id': 'r1' } });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-request-id')).toBe('r1');
    expect(res.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(await res.json()).toEqual({ message: 'naïve – ✓' });
  });

  it('leaves a body of 1 KiB or more to compression, counted in bytes', async () => {
    // 400 characters of 3 bytes each: under 1,024 characters, over 1,024 bytes.
    const big = jsonResponse({ text: '✓'.repeat(400) });
    expect(big.headers.get('cache-control')).toBe('no-store');
    expect(jsonResponse({}).headers.get('cache-control')).toBe('no-store, no-transform');
    expect(await jsonResponse({}).text()).toBe('{}');
  });
});
