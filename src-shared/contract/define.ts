import type { z } from 'zod';
import type { ChannelPermission } from '../permissions';

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: ChannelPermission;
  /** Callable while the account must still change its password (the forced-change flow). */
  allowDuringPasswordChange?: boolean;
  /** Reachable while the screen is handed to a student (student mode); nothing else is. */
  allowInStudentMode?: boolean;
  /** One line for `counsel channels` and the docs. */
  summary: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P;
  summary: string;
}

export function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}
