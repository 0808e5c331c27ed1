import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { CallError } from '../../api/client';
import { issueMessage, type Issue } from '../../i18n/errors';
import { isTextKey } from '../../i18n/keys';

/**
 * An issue's text: the module's own message (`<module>.validation.<message>`) when it has one,
 * else the shared wording. `values` fill placeholders such as {{max}}.
 */
export function moduleIssueMessage(module: string, issue: Issue, t: TFunction, field?: string, values: Record<string, unknown> = {}): string {
  const key = `${module}.validation.${issue.message}`;
  if (isTextKey(key)) return t(key, values);
  return issueMessage(issue, t, field);
}

/** An antd rule that validates with a contract schema and the module's messages (empty: required unless optional). */
export function moduleRule(
  module: string,
  schema: z.ZodType,
  field: string,
  t: TFunction,
  options: { optional?: boolean; values?: Record<string, unknown>; map?: (value: unknown) => unknown } = {},
) {
  return {
    validator: async (_rule: unknown, raw: unknown) => {
      // An empty list goes to the schema, which says what is missing (e.g. at least one leader).
      if (raw === undefined || raw === null || raw === '') {
        if (options.optional) return;
        throw new Error(t('validation.required'));
      }
      const parsed = schema.safeParse(options.map ? options.map(raw) : raw);
      if (parsed.success) return;
      const first = parsed.error.issues[0] as unknown as Issue;
      throw new Error(moduleIssueMessage(module, { ...first, path: first.path ?? [] }, t, field, options.values));
    },
  };
}

/**
 * The core's VALIDATION issues as antd field errors. `fieldOf` maps a contract path to a form
 * field (e.g. `['patch', 'name']` -> `name`); issues of other paths are left to the caller.
 */
export function moduleFieldErrors(
  module: string,
  error: unknown,
  t: TFunction,
  fieldOf: (path: (string | number)[]) => string | undefined,
): { name: string; errors: string[] }[] {
  if (!(error instanceof CallError) || error.code !== 'VALIDATION') return [];
  const issues = (Array.isArray(error.details.issues) ? error.details.issues : []) as Issue[];
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const name = fieldOf(issue.path ?? []);
    if (!name) continue;
    byField.set(name, [...(byField.get(name) ?? []), moduleIssueMessage(module, issue, t, name)]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}

/**
 * useAction's `fieldErrors` for a module's form: the core's VALIDATION issues on these fields, in
 * the module's words (the contract path starts with `patch` when editing a record).
 */
export function moduleFormErrors(module: string, t: TFunction, fields: readonly string[]) {
  return (failure: unknown) =>
    moduleFieldErrors(module, failure, t, (path) => {
      const name = path[0] === 'patch' ? path[1] : path[0];
      return typeof name === 'string' && fields.includes(name) ? name : undefined;
    });
}
