import { SearchSyntaxError, type OrderBy } from './ast';
import { resolveIdentifier } from './parse-filter-identifier';
import { isKeyword, positionOf, tokenize } from './tokenize';

/**
 * Parses MLflow `order_by` entries for run search: `<identifier> [ASC|DESC]`, e.g.
 * `metrics.acc DESC`, `attributes.start_time`, ``metrics.`Mean Square Error` ASC``.
 * Ascending unless DESC is given; ASC/DESC are case-insensitive. As in MLflow, an entry with
 * leading or trailing whitespace is rejected, and only run attributes, metrics, params and tags
 * can be ordered by (`created` is accepted as an alias of start_time).
 */
export function parseOrderBy(items: string[] | undefined): OrderBy[] {
  return (items ?? []).map(parseOrderByItem);
}

function parseOrderByItem(item: string): OrderBy {
  const fail = (detail: string, at: number, token: string): never => {
    throw new SearchSyntaxError(`Invalid order_by clause '${item}': ${detail}`, positionOf(item, at), token);
  };
  if (item.trim() === '') return fail('expected an identifier such as metrics.acc, found an empty entry', 0, '');
  const lead = item.length - item.trimStart().length;
  if (lead > 0) fail(`unexpected whitespace at position 1; remove it`, 0, item.slice(0, lead));
  const trimmedEnd = item.trimEnd().length;
  if (trimmedEnd < item.length) {
    fail(`unexpected trailing whitespace at position ${positionOf(item, trimmedEnd)}; remove it`, trimmedEnd, item.slice(trimmedEnd));
  }

  try {
    const tokens = tokenize(item);
    const [first, second, third] = tokens;
    const { id } = resolveIdentifier(item, first, 'order_by');
    if (second.kind === 'eof') return { key: id, ascending: true };
    if (isKeyword(second, 'asc') || isKeyword(second, 'desc')) {
      if (third.kind !== 'eof') {
        return fail(`unexpected '${third.raw}' at position ${positionOf(item, third.start)} after ${second.raw}`, third.start, third.raw);
      }
      return { key: id, ascending: isKeyword(second, 'asc') };
    }
    if (second.kind === 'path' && third.kind === 'eof') {
      return fail(`Invalid ordering key '${second.raw}' at position ${positionOf(item, second.start)}: expected ASC or DESC`, second.start, second.raw);
    }
    return fail(`unexpected '${second.raw}' at position ${positionOf(item, second.start)}: expected ASC, DESC or the end of the entry`, second.start, second.raw);
  } catch (err) {
    if (err instanceof SearchSyntaxError && !err.message.startsWith('Invalid order_by clause')) {
      throw new SearchSyntaxError(`Invalid order_by clause '${item}': ${err.message}`, err.position, err.token);
    }
    throw err;
  }
}
