DROP INDEX `key_attention_history_entry`;--> statement-breakpoint
CREATE INDEX `key_attention_history_entry` ON `key_attention_history` (`entry_id`,`changed_at`,`kind`,`student_id`);--> statement-breakpoint
CREATE INDEX `census_followups_batch_status` ON `census_followups` (`batch_id`,`status`,`student_id`);--> statement-breakpoint
CREATE INDEX `cases_closed` ON `cases` (`status`,`closed_at`);--> statement-breakpoint
-- Hand-written (drizzle-kit cannot write an expression index): statistics count referrals by the
-- day they were made, substr(referred_on, 1, 10), the query's own expression (STATISTICS_SQL.referrals),
-- from this index alone instead of a scan.
CREATE INDEX `referrals_statistics_day` ON `referrals` (substr(referred_on, 1, 10), `status`, `student_id`);
