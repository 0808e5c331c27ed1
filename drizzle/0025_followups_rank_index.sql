DROP INDEX `census_followups_batch_status`;--> statement-breakpoint
CREATE INDEX `census_followups_batch_status` ON `census_followups` (`batch_id`,`status`,`student_id`,`urgency`,`id`);