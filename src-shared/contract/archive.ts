import { z } from 'zod';
import { channel } from './define';

/** Archive: channels. */
export const archiveChannels = {} as const;

// Keeps the imports used until the channels are written.
void z;
void channel;
