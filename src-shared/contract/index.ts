export * from './errors';
export * from './channels';
export * from './schemas';
export * from './validate';
export type { ChannelSpec, EventSpec } from './define';
export * from './students';
export * from './roster';
export * from './assessments';
export * from './census';
