import { z } from 'zod';
import { channel } from './define';

/** Statistics: channels. */
export const statisticsChannels = {} as const;

// Keeps the imports used until the channels are written.
void z;
void channel;
