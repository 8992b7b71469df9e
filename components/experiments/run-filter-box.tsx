'use client';

import { Filter, X } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SearchSyntaxError } from '@/lib/search/ast';
import { parseFilter } from '@/lib/search/parse-filter';
import { suggest, type KnownKeys, type Suggestion } from '@/lib/search/suggest';
import { cn } from '@/lib/utils';
import { FilterError, type FilterProblem } from './filter-error';

function problemOf(text: string): FilterProblem | null {
  try {
    parseFilter(text);
    return null;
  } catch (e) {
    if (e instanceof SearchSyntaxError) return { message: e.message, position: e.position, token: e.token };
    return null;
  }
}

interface Props {
  value: string;
  keys: KnownKeys;
  /** The server's verdict on the applied filter (same parser), shown until the text changes. */
  serverProblem: FilterProblem | null;
  onApply: (filter: string) => void;
  help: React.ReactNode;
}

/**
 * The run filter: MLflow's language with completion of entity prefixes, the experiment's keys,
 * comparators and and/or. Parsed in the browser as you type (shown after a pause, or at once on
 * Enter) so a mistake is pointed at before the server is asked; the server parses again regardless.
 */
export function RunFilterBox({ value, keys, serverProblem, onApply, help }: Props) {
  const [text, setText] = useState(value);
  const [cursor, setCursor] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [shownProblem, setShownProblem] = useState<FilterProblem | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const listId = useId();
  const errorId = useId();
  useEffect(() => () => clearTimeout(timer.current), []);

  const suggestions = useMemo(() => suggest(text, cursor, keys), [text, cursor, keys]);
  const items = open ? suggestions.items : [];
  const problem = text === value && serverProblem ? serverProblem : shownProblem;

  const change = (next: string, caret: number) => {
    setText(next);
    setCursor(caret);
    setOpen(true);
    setActive(0);
    setShownProblem(null);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setShownProblem(problemOf(next)), 700);
  };

  const accept = (s: Suggestion) => {
    const before = text.slice(0, suggestions.from);
    const after = text.slice(suggestions.to);
    const spaced = s.kind === 'entity' ? s.insert : `${s.insert} `;
    const next = before + spaced + after.replace(/^ /, '');
    const caret = before.length + spaced.length;
    change(next, caret);
    requestAnimationFrame(() => input.current?.setSelectionRange(caret, caret));
  };

  const apply = () => {
    clearTimeout(timer.current);
    setOpen(false);
    const p = problemOf(text);
    setShownProblem(p);
    if (!p) onApply(text.trim());
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (items.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (items.length > 0 && e.key === 'Tab' && !e.shiftKey) {
      e.preventDefault();
      accept(items[active]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (items.length > 0 && e.altKey) accept(items[active]);
      else apply();
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div className="relative min-w-64 flex-1" data-testid="run-filter">
      <div className="flex items-center gap-2">
        <div className="relative min-w-0 flex-1">
          <Filter className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <input
            ref={input}
            role="combobox"
            aria-label="Filter runs"
            aria-expanded={items.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={items.length > 0 ? `${listId}-${active}` : undefined}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? errorId : undefined}
            spellCheck={false}
            autoComplete="off"
            placeholder="metrics.accuracy > 0.9 and params.optimizer = 'adam'   (Tab completes, Enter applies)"
            value={text}
            onChange={(e) => change(e.target.value, e.target.selectionStart ?? e.target.value.length)}
            onSelect={(e) => setCursor(e.currentTarget.selectionStart ?? 0)}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
            className={cn(
              'flex h-8 w-full rounded-md border border-input bg-transparent py-1 pl-8 pr-8 font-mono text-[13px] shadow-xs placeholder:font-sans placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
              problem && 'border-destructive',
            )}
          />
          {text ? (
            <button
              type="button"
              aria-label="Clear filter"
              className="absolute right-2 top-1/2 -translate-y-1/2 rounded-sm p-0.5 text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              onClick={() => {
                change('', 0);
                setShownProblem(null);
                onApply('');
              }}
            >
              <X className="size-3.5" aria-hidden />
            </button>
          ) : null}
        </div>
        <Button type="button" size="sm" variant="secondary" onClick={apply}>
          Apply
        </Button>
        {help}
      </div>
      {items.length > 0 ? (
        <ul id={listId} role="listbox" aria-label="Suggestions" className="absolute z-40 mt-1 max-h-64 w-96 overflow-auto rounded-md border bg-popover py-1 text-sm shadow-md">
          {items.map((s, i) => (
            <li
              key={`${s.kind}:${s.label}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(s);
              }}
              onMouseEnter={() => setActive(i)}
              className={cn('flex cursor-pointer items-center justify-between gap-3 px-2.5 py-1 font-mono text-[13px]', i === active && 'bg-accent text-accent-foreground')}
            >
              <span className="truncate">{s.label}</span>
              <span className="font-sans text-xs text-muted-foreground">{s.kind}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {problem ? <FilterError id={errorId} filter={text === value && serverProblem ? value : text} problem={problem} /> : null}
    </div>
  );
}
