import type { ChannelOutput } from '../../../src-shared/contract';

/** Shapes from the contract, named for the components. */
export type AssessmentSummary = ChannelOutput<'assessments.listForStudent'>[number];
export type AssessmentDetail = ChannelOutput<'assessments.get'>;
export type InstrumentSetting = ChannelOutput<'instruments.list'>[number];
export type AlertItem = ChannelOutput<'alerts.list'>[number];
export type StudentForm = ChannelOutput<'studentMode.form'>;
export type Answer = number | null | 'NA';
