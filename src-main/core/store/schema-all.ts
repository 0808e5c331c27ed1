// Every table the store has; drizzle-kit generates migrations from this module.
export * from './schema';
