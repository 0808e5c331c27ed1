import { z } from 'zod';
import { channel } from './define';

/** Backup and restore: channels. */
export const backupChannels = {} as const;

// Keeps the imports used until the channels are written.
void z;
void channel;
