import { describe, expect, it } from 'vitest';
import { parseCsvPreview } from './csv';

describe('parseCsvPreview', () => {
  it('splits rows and fields, with quotes, doubled quotes, delimiters and line breaks inside quotes', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\n';
    expect(parseCsvPreview(text)).toEqual({
      rows: [
        ['a', 'b', 'c'],
        ['1', 'x, y', 'say "hi"'],
        ['2', 'two\nlines', ''],
      ],
      truncated: false,
    });
  });

  it('stops after maxRows and says that more followed', () => {
    const text = Array.from({ length: 10 }, (_, i) => `${i},v${i}`).join('\n');
    const out = parseCsvPreview(text, 3);
    expect(out.rows).toEqual([
      ['0', 'v0'],
      ['1', 'v1'],
      ['2', 'v2'],
    ]);
    expect(out.truncated).toBe(true);
  });

  it('reads tab-separated text with a tab delimiter and keeps a last line without a newline', () => {
    expect(parseCsvPreview('x\ty\n1\t2', 50, '\t').rows).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });
});
