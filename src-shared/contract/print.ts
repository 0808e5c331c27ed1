import { z } from 'zod';
import { channel } from './define';

/** Print: channels. */
export const printChannels = {} as const;

// Keeps the imports used until the channels are written.
void z;
void channel;
