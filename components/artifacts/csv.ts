/**
 * The first rows of a CSV (or TSV) text, for a preview: quoted fields with doubled quotes and line
 * breaks inside quotes, CRLF or LF. Stops after `maxRows` rows; a cut-off last line is dropped.
 */
export function parseCsvPreview(text: string, maxRows = 50, delimiter = ','): { rows: string[][]; truncated: boolean } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      if (rows.length >= maxRows) return { rows, truncated: i + 1 < text.length };
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length) endRow();
  return { rows, truncated: false };
}
