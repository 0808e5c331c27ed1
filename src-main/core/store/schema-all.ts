// Every table the store has; drizzle-kit generates migrations from this module.
export * from './schema';
export * from '../students/schema';
export * from '../assessments/schema';
export * from '../census/schema';
