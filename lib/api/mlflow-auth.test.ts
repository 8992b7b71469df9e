import { describe, expect, it } from 'vitest';
import { parseAuthorization } from './mlflow-auth';

const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

describe('parseAuthorization', () => {
  it('reads a Bearer token as MLFLOW_TRACKING_TOKEN sends it', () => {
    expect(parseAuthorization('Bearer mk_0123abcd_xyz')).toEqual({ kind: 'bearer', token: 'mk_0123abcd_xyz' });
  });

  it('reads Basic credentials; the password may contain colons', () => {
    expect(parseAuthorization(basic('ana@example.test:pa:ss'))).toEqual({ kind: 'basic', username: 'ana@example.test', password: 'pa:ss' });
  });

  it('returns null for no header, unknown schemes and Basic without a colon', () => {
    expect(parseAuthorization(null)).toBeNull();
    expect(parseAuthorization('Digest abc')).toBeNull();
    expect(parseAuthorization(basic('nocolon'))).toBeNull();
    expect(parseAuthorization('Bearer')).toBeNull();
  });
});
