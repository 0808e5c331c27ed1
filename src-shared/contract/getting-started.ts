import { z } from 'zod';
import { channel } from './define';
import { empty } from './schemas';

/**
 * The getting-started list on an empty workbench: the first week's steps, each ticked off from
 * what the store holds (not from clicks), so a step done elsewhere (the CLI, another PC's backup
 * restored here) still counts.
 */
export const GETTING_STARTED_STEPS = ['roster', 'accounts', 'backupFolder', 'schoolServer', 'crisisLines'] as const;
export type GettingStartedStep = (typeof GETTING_STARTED_STEPS)[number];

export const gettingStartedSchema = z.array(
  z.object({
    step: z.enum(GETTING_STARTED_STEPS),
    done: z.boolean(),
  }),
);

export const gettingStartedChannels = {
  'system.gettingStarted': channel({
    summary:
      'The first-week steps this account may do (import the roster, accounts, backup folder, school server, crisis lines), each with whether the store shows it done.',
    permission: 'session',
    input: empty,
    output: gettingStartedSchema,
  }),
} as const;
