import type { zhCN } from './zh-CN';

/** The same tree of keys as the Chinese resources, every leaf a string. */
export type Leaves<T> = { [K in keyof T]: T[K] extends string ? string : Leaves<T[K]> };

export type Resource = Leaves<typeof zhCN>;

/** A module's `errors`: one text for each reason of its contract list (a missing or unknown reason fails tsc). */
export type ReasonTexts<L extends readonly string[]> = { [K in L[number]]: string };
