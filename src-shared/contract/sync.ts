import { z } from 'zod';
import { channel } from './define';

/** Export to school server: channels. */
export const syncChannels = {} as const;

// Keeps the imports used until the channels are written.
void z;
void channel;
