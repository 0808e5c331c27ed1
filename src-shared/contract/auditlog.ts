import { z } from 'zod';
import { channel } from './define';

/** Audit log: channels. */
export const auditLogChannels = {} as const;

// Keeps the imports used until the channels are written.
void z;
void channel;
