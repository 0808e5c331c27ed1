// Every table the store has; drizzle-kit generates migrations from this module.
export * from './schema';
export * from '../students/schema';
export * from '../assessments/schema';
export * from '../census/schema';
export * from '../reports/schema';
export * from '../cases/schema';
export * from '../notes/schema';
export * from '../access/schema';
export * from '../calendar/schema';
export * from '../groups/schema';
export * from '../activities/schema';
export * from '../attachments/schema';
export * from '../crisis/schema';
export * from '../referrals/schema';
export * from '../followups/schema';
export * from '../keyattention/schema';
