import { UsageError, type Command } from './cli-support';

/** `counsel export run|receipts`: the export to the school server without the app running. */
export const exportCommand: Command = async () => {
  throw new UsageError('not implemented yet');
};
