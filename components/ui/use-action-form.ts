'use client';

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from 'react';
import type { ActionState } from '@/lib/api/action';

/**
 * `useActionState` for a form that keeps what the person typed when the server refuses it (React
 * resets a form after every `action` submission) and clears it only after a success.
 */
export function useActionForm<T>(action: (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>) {
  const [state, dispatch, pending] = useActionState<ActionState<T>, FormData>(action, { ok: null });
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) ref.current?.reset();
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  return { state, pending, formProps: { ref, onSubmit, noValidate: true } };
}
