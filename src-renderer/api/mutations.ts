import { useMutation } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import { errorMessage, fieldErrors } from '../i18n/errors';
import { call } from './client';

export interface ActionOptions<I, O> {
  /** After the write succeeded (close the modal, navigate, show a message). Lists refresh by themselves (store.changed). */
  onSuccess?: (output: O, input: I) => unknown;
  /** After a failure, besides the translated sentence in `error` (e.g. a message toast, or the steps a refusal names). */
  onError?: (failure: unknown, input: I) => unknown;
  /** VALIDATION issues go to these form fields instead of the sentence above the form. */
  form?: FormInstance;
  /** Maps a contract path to the form's field name (default: the last name in the path). */
  mapPath?: (path: (string | number)[]) => string | undefined;
  /** Words the VALIDATION issues as field errors instead of the shared wording (e.g. a module's own messages, activities/rules.ts). */
  fieldErrors?: (failure: unknown) => { name: string | (string | number)[]; errors: string[] }[];
}

export interface Action<I, O> {
  /** Runs the write; resolves with its output, or undefined when it failed (the error is shown, never thrown). */
  run: (input: I) => Promise<O | undefined>;
  pending: boolean;
  /** One translated sentence for the last failure, for <ErrorAlert message={…} /> (null when none). */
  error: string | null;
  /** The last failure itself (a CallError), for pages that show more than the sentence. */
  failure: unknown;
  reset: () => void;
}

/**
 * The one way the renderer writes: pending state, a translated error (or field errors on a form),
 * and a success callback. The lists that show what was written are refetched by the data layer
 * when the core reports the kinds of records the commit touched (live-queries.ts), so no write
 * names the queries it affects. `write` may do more than one call (read a file first, then call).
 */
export function useAction<I = void, O = unknown>(write: (input: I) => Promise<O>, options: ActionOptions<I, O> = {}): Action<I, O> {
  const { t } = useTranslation();
  const { form, mapPath, onSuccess, onError, fieldErrors: wordFields } = options;
  const mutation = useMutation<O, unknown, I>({ mutationFn: write });
  const { mutateAsync, reset } = mutation;
  const run = useCallback(
    async (input: I) => {
      let output: O;
      try {
        output = await mutateAsync(input);
      } catch (failure) {
        const fields = form ? (wordFields ? wordFields(failure) : fieldErrors(failure, t, mapPath)) : [];
        if (form && fields.length > 0) {
          form.setFields(fields as never);
          reset();
        }
        await onError?.(failure, input);
        return undefined;
      }
      await onSuccess?.(output, input);
      return output;
    },
    [mutateAsync, reset, form, mapPath, wordFields, onSuccess, onError, t],
  );
  const shown = mutation.error && !isFormValidation(mutation.error) ? errorMessage(mutation.error, t) : null;
  return { run, pending: mutation.isPending, error: shown, failure: mutation.error, reset };
}

/** A form of the write that did not validate (antd's validateFields): its messages are beside the fields already. */
function isFormValidation(failure: unknown): boolean {
  return typeof failure === 'object' && failure !== null && 'errorFields' in failure;
}

/** useAction for one contract channel: `const save = useWrite('notes.sign', { onSuccess: onClose })`, then `save.run(input)`. */
export function useWrite<C extends ChannelName>(channel: C, options: ActionOptions<ChannelInput<C>, ChannelOutput<C>> = {}) {
  return useAction<ChannelInput<C>, ChannelOutput<C>>((input) => call(channel, input), options);
}
