import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAME_WIDTH, frameWidthCookie, frameWidthFrom } from './frame-width';

describe('frame width', () => {
  it('reads a remembered width, and falls back to the default for anything else', () => {
    expect(frameWidthFrom('752')).toBe(752);
    expect(frameWidthFrom(undefined)).toBe(DEFAULT_FRAME_WIDTH);
    expect(frameWidthFrom('')).toBe(DEFAULT_FRAME_WIDTH);
    expect(frameWidthFrom('12')).toBe(DEFAULT_FRAME_WIDTH);
    expect(frameWidthFrom('9999')).toBe(DEFAULT_FRAME_WIDTH);
    expect(frameWidthFrom('752.5')).toBe(DEFAULT_FRAME_WIDTH);
    expect(frameWidthFrom('1e3')).toBe(DEFAULT_FRAME_WIDTH);
  });

  it('remembers whole pixels on the compare page only, and not a width out of range', () => {
    expect(frameWidthCookie(751.6)).toBe('mk-curve-width=752; path=/compare; max-age=31536000; samesite=lax');
    expect(frameWidthFrom(/=(\d+)/.exec(frameWidthCookie(900)!)![1])).toBe(900);
    expect(frameWidthCookie(0)).toBeNull();
    expect(frameWidthCookie(NaN)).toBeNull();
    expect(frameWidthCookie(5000)).toBeNull();
  });
});
