import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvHeader, csvRow, jsonlRow } from './export-format';
import type { AuditEventView } from './schemas';

function event(overrides: Partial<AuditEventView> = {}): AuditEventView {
  return {
    seq: 7,
    id: '00000000-0000-4000-8000-000000000007',
    occurredAt: '2026-03-01T12:00:00.000Z',
    actorId: '11111111-1111-4111-8111-111111111111',
    actorEmail: 'admin@example.test',
    actorKind: 'user',
    tokenId: null,
    action: 'user.update',
    resourceType: 'user',
    resourceId: '22222222-2222-4222-8222-222222222222',
    before: null,
    after: { name: 'Ann' },
    requestId: 'req-1',
    ip: '10.0.0.1',
    userAgent: 'vitest',
    position: 5,
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}

/** RFC 4180 parser for one record, enough to read back what csvRow wrote. */
function parseCsvRecord(line: string): string[] {
  expect(line.endsWith('\r\n')).toBe(true);
  const text = line.slice(0, -2);
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          if (i >= text.length) throw new Error('unterminated quote');
          cell += text[i++];
        }
      }
    } else {
      while (i < text.length && text[i] !== ',') cell += text[i++];
    }
    cells.push(cell);
    if (i >= text.length) return cells;
    expect(text[i]).toBe(',');
    i++;
  }
}

function cellOf(e: AuditEventView, column: (typeof CSV_COLUMNS)[number]): string {
  return parseCsvRecord(csvRow(e))[CSV_COLUMNS.indexOf(column)];
}

describe('csv export', () => {
  it('has a header with every column in order, CRLF-terminated', () => {
    expect(csvHeader()).toBe('seq,id,occurredAt,actorEmail,actorKind,actorId,tokenId,action,resourceType,resourceId,before,after,requestId,ip,userAgent,position,prevHash,hash\r\n');
  });

  it('writes one cell per column, nulls as empty cells, objects as JSON', () => {
    const cells = parseCsvRecord(csvRow(event()));
    expect(cells).toHaveLength(CSV_COLUMNS.length);
    expect(Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, cells[i]]))).toEqual({
      seq: '7',
      id: '00000000-0000-4000-8000-000000000007',
      occurredAt: '2026-03-01T12:00:00.000Z',
      actorEmail: 'admin@example.test',
      actorKind: 'user',
      actorId: '11111111-1111-4111-8111-111111111111',
      tokenId: '',
      action: 'user.update',
      resourceType: 'user',
      resourceId: '22222222-2222-4222-8222-222222222222',
      before: '',
      after: '{"name":"Ann"}',
      requestId: 'req-1',
      ip: '10.0.0.1',
      userAgent: 'vitest',
      position: '5',
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    });
  });

  it('leaves the chain cells empty for an event not sealed yet', () => {
    const cells = parseCsvRecord(csvRow(event({ position: null, prevHash: null, hash: null })));
    expect(cells.slice(-3)).toEqual(['', '', '']);
  });

  it('quotes cells holding commas, quotes or line breaks and doubles inner quotes', () => {
    const row = csvRow(event({ userAgent: 'Mozilla/5.0 (X11, Linux) "quoted"', after: { note: 'line one\nline two, "two"' } }));
    expect(row).toContain('"Mozilla/5.0 (X11, Linux) ""quoted"""');
    expect(row).toContain('"{""note"":""line one\\nline two, \\""two\\""""}"');
    expect(cellOf(event({ userAgent: 'a,b' }), 'userAgent')).toBe('a,b');
    expect(cellOf(event({ userAgent: 'a\r\nb' }), 'userAgent')).toBe('a\r\nb');
    expect(cellOf(event({ after: { note: 'x "y", z' } }), 'after')).toBe('{"note":"x \\"y\\", z"}');
  });

  it.each(['=HYPERLINK("http://evil.example","click")', '+1+2', '-2+3', '@SUM(A1:A2)', '\tTAB', '\r=1'])(
    'prefixes a cell starting a formula (%j) with an apostrophe so spreadsheets show it as text',
    (text) => {
      const cell = cellOf(event({ actorEmail: text }), 'actorEmail');
      expect(cell).toBe(`'${text}`);
    },
  );

  it('guards the formula in a quoted cell too, before quoting', () => {
    expect(csvRow(event({ resourceId: '=1+1,"x"' }))).toContain(`"'=1+1,""x"""`);
  });

  it('leaves ordinary text and numbers as they are', () => {
    expect(cellOf(event({ resourceId: 'model=champion' }), 'resourceId')).toBe('model=champion');
    expect(cellOf(event({ seq: 12345 }), 'seq')).toBe('12345');
  });
});

describe('jsonl export', () => {
  it('writes one JSON object per line that reads back as the event', () => {
    const e = event({ after: { note: 'multi\nline', n: 1 } });
    const line = jsonlRow(e);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(e);
  });
});
