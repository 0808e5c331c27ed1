import { UsageError, type Command } from './cli-support';

/** `counsel backup create|verify|restore`: backups that cron or Task Scheduler can run. */
export const backupCommand: Command = async () => {
  throw new UsageError('not implemented yet');
};
