import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { decodePageToken, encodePageToken, keysetPage } from './page-token';

function decodeError(token: string, field?: string): unknown {
  try {
    decodePageToken(token, field);
  } catch (e) {
    return e;
  }
  return null;
}

describe('page tokens', () => {
  it.each([[[42]], [['alice@example.test', 7]], [[null, 'é ✓', 1.5, true]], [[]]])('round-trips the keyset %j', (key) => {
    expect(decodePageToken(encodePageToken(key))).toEqual(key);
  });

  it('is URL-safe text', () => {
    expect(encodePageToken(['a/b+c?=&', 'ÿÿÿ', 999999999999])).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([undefined, null, ''])('treats %j as the first page', (token) => {
    expect(decodePageToken(token)).toBeNull();
  });

  it.each([
    ['text that is not base64 JSON', 'garbage!'],
    ['base64 of a non-object', Buffer.from('[1,2]').toString('base64url')],
    ['JSON without a key list', Buffer.from('{"k":"abc"}').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
  ])('rejects %s with invalid_page_token naming the field', (_label, token) => {
    const e = decodeError(token);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({
      code: 'invalid_page_token',
      message: 'page_token: not a page token issued by this server.',
      issues: [{ path: 'page_token', message: 'invalid page token' }],
    });
  });

  it('names the field the caller passes', () => {
    expect(decodeError('garbage!', 'pageToken')).toMatchObject({ code: 'invalid_page_token', issues: [{ path: 'pageToken', message: 'invalid page token' }] });
  });
});

describe('keysetPage', () => {
  it('keeps pageSize rows and makes the next token from the last kept row when one more row came back', () => {
    const { page, nextPageToken } = keysetPage([{ k: 1 }, { k: 2 }, { k: 3 }], 2, (last) => [last.k]);
    expect(page).toEqual([{ k: 1 }, { k: 2 }]);
    expect(decodePageToken(nextPageToken)).toEqual([2]);
  });

  it('has no next token on the last page', () => {
    expect(keysetPage([{ k: 1 }, { k: 2 }], 2, (last) => [last.k])).toEqual({ page: [{ k: 1 }, { k: 2 }], nextPageToken: null });
    expect(keysetPage([], 2, () => [])).toEqual({ page: [], nextPageToken: null });
  });
});
