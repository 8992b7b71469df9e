import type { ActionState } from '@/lib/api/action';

/** Refusals about the grantee (unknown_user, grant_to_self, grant_to_owner, user_disabled): their messages name `email`. */
const EMAIL_REFUSALS = new Set(['unknown_user', 'grant_to_self', 'grant_to_owner', 'user_disabled']);

/**
 * Shows a refusal about the grantee under the email field, as a validation error would be: the service's
 * message starts with "email: ", which the form drops since the field's label names it.
 */
export function emailRefusalAsFieldError<T>(state: ActionState<T>): ActionState<T> {
  if (state.ok !== false || state.fieldErrors || !state.code || !EMAIL_REFUSALS.has(state.code)) return state;
  return { ...state, fieldErrors: { email: (state.message ?? '').replace(/^email: /, '') } };
}
