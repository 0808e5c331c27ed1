CREATE TABLE `crisis_events` (
	`id` text PRIMARY KEY NOT NULL,
	`event_no` text NOT NULL,
	`student_id` text NOT NULL,
	`case_id` text,
	`source` text NOT NULL,
	`alert_id` text,
	`report_id` text,
	`template_id` text NOT NULL,
	`template_version` integer NOT NULL,
	`discovered_at` text NOT NULL,
	`description` text,
	`level` text NOT NULL,
	`owner_id` text,
	`status` text NOT NULL,
	`summary` text,
	`close_requested_by` text,
	`close_requested_at` text,
	`approved_by` text,
	`closed_at` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `crisis_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`close_requested_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crisis_events_event_no_unique` ON `crisis_events` (`event_no`);--> statement-breakpoint
CREATE INDEX `crisis_events_status` ON `crisis_events` (`status`,`level`);--> statement-breakpoint
CREATE INDEX `crisis_events_student` ON `crisis_events` (`student_id`);--> statement-breakpoint
CREATE TABLE `crisis_level_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`from_level` text,
	`to_level` text NOT NULL,
	`reason` text NOT NULL,
	`changed_by` text,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `crisis_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `crisis_level_changes_event` ON `crisis_level_changes` (`event_id`);--> statement-breakpoint
CREATE TABLE `crisis_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`recipient_kind` text NOT NULL,
	`recipient_name` text NOT NULL,
	`method` text NOT NULL,
	`notified_by` text,
	`notified_at` text NOT NULL,
	`content` text NOT NULL,
	`basis` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `crisis_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notified_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `crisis_notifications_event` ON `crisis_notifications` (`event_id`);--> statement-breakpoint
CREATE TABLE `crisis_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`key` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`owner_role` text NOT NULL,
	`assigned_to` text,
	`due_minutes` integer,
	`levels` text NOT NULL,
	`status` text NOT NULL,
	`done_by` text,
	`done_at` text,
	`note` text,
	`na_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `crisis_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crisis_steps_key` ON `crisis_steps` (`event_id`,`key`);--> statement-breakpoint
CREATE INDEX `crisis_steps_assignee` ON `crisis_steps` (`assigned_to`,`status`);--> statement-breakpoint
CREATE TABLE `crisis_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crisis_templates_version` ON `crisis_templates` (`version`);--> statement-breakpoint
CREATE TABLE `disclosures` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`event_id` text,
	`case_id` text,
	`trigger` text NOT NULL,
	`basis` text NOT NULL,
	`recipients` text NOT NULL,
	`shared` text NOT NULL,
	`disclosed_at` text NOT NULL,
	`disclosed_by` text,
	`status` text NOT NULL,
	`approver_id` text,
	`decided_at` text,
	`decision_note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`disclosed_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approver_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disclosures_status` ON `disclosures` (`status`);--> statement-breakpoint
CREATE INDEX `disclosures_student` ON `disclosures` (`student_id`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`event_id` text,
	`case_id` text,
	`hospital` text NOT NULL,
	`hospital_department` text,
	`referred_on` text NOT NULL,
	`escort` text,
	`letter_text` text,
	`consent_to_share` integer NOT NULL,
	`consent_by` text,
	`feedback` text,
	`feedback_on` text,
	`status` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referrals_student` ON `referrals` (`student_id`);--> statement-breakpoint
CREATE INDEX `referrals_event` ON `referrals` (`event_id`);--> statement-breakpoint
CREATE TABLE `safety_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`event_id` text,
	`case_id` text,
	`version` integer NOT NULL,
	`sections` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `safety_plans_student` ON `safety_plans` (`student_id`,`version`);--> statement-breakpoint
CREATE TABLE `followup_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`event_id` text,
	`source` text NOT NULL,
	`title` text NOT NULL,
	`assigned_to` text,
	`due_at` text NOT NULL,
	`status` text NOT NULL,
	`done_by` text,
	`done_at` text,
	`note` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `followup_tasks_open` ON `followup_tasks` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `followup_tasks_assignee` ON `followup_tasks` (`assigned_to`,`status`);--> statement-breakpoint
CREATE INDEX `followup_tasks_student` ON `followup_tasks` (`student_id`);--> statement-breakpoint
CREATE TABLE `leave_records` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`event_id` text,
	`started_on` text NOT NULL,
	`expected_return_on` text,
	`reason` text NOT NULL,
	`application_ref` text,
	`status` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leave_records_student` ON `leave_records` (`student_id`);--> statement-breakpoint
CREATE TABLE `return_assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`leave_id` text NOT NULL,
	`student_id` text NOT NULL,
	`evidence` text NOT NULL,
	`outcome` text NOT NULL,
	`note` text,
	`returned_on` text,
	`assessed_by` text,
	`assessed_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`leave_id`) REFERENCES `leave_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessed_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `return_assessments_leave` ON `return_assessments` (`leave_id`);--> statement-breakpoint
CREATE TABLE `key_attention` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`level` text NOT NULL,
	`reason` text NOT NULL,
	`responsible` text NOT NULL,
	`cadence_days` integer NOT NULL,
	`next_review_on` text NOT NULL,
	`last_reviewed_at` text,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`added_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `key_attention_student` ON `key_attention` (`student_id`);--> statement-breakpoint
CREATE INDEX `key_attention_review` ON `key_attention` (`status`,`next_review_on`);--> statement-breakpoint
CREATE TABLE `key_attention_history` (
	`id` text PRIMARY KEY NOT NULL,
	`entry_id` text NOT NULL,
	`student_id` text NOT NULL,
	`kind` text NOT NULL,
	`from_level` text,
	`to_level` text,
	`reason` text NOT NULL,
	`changed_by` text,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `key_attention`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `key_attention_history_entry` ON `key_attention_history` (`entry_id`);--> statement-breakpoint
ALTER TABLE `alerts` ADD `crisis_event_id` text;