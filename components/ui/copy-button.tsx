'use client';

import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';

/** Copies `value` to the clipboard and says so for two seconds; says when the browser refused. */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (status === 'idle') return;
    const timer = setTimeout(() => setStatus('idle'), 2000);
    return () => clearTimeout(timer);
  }, [status]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <Button type="button" variant="outline" size="sm" onClick={copy} aria-live="polite">
      {status === 'copied' ? <Check /> : <Copy />}
      {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed — select the text' : label}
    </Button>
  );
}
