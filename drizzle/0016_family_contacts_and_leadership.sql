CREATE TABLE `family_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`contacted_at` text NOT NULL,
	`way` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_person_id` text,
	`target_name` text NOT NULL,
	`target_relation` text,
	`contactor_person_id` text,
	`contactor_name` text,
	`purpose` text NOT NULL,
	`summary` text NOT NULL,
	`follow_up` text,
	`recorded_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `family_contacts_student` ON `family_contacts` (`student_id`,`contacted_at`);--> statement-breakpoint
CREATE INDEX `family_contacts_recorder` ON `family_contacts` (`recorded_by`,`contacted_at`);--> statement-breakpoint
CREATE TABLE `leadership_approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`subject` text NOT NULL,
	`subject_ref` text NOT NULL,
	`approved_on` text NOT NULL,
	`meeting` text NOT NULL,
	`minutes_ref` text,
	`recorded_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`recorded_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leadership_approvals_subject` ON `leadership_approvals` (`subject`,`subject_ref`);--> statement-breakpoint
CREATE TABLE `leadership_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`escalation_id` text NOT NULL,
	`event_id` text NOT NULL,
	`text` text NOT NULL,
	`assignee_person_id` text,
	`assignee_name` text NOT NULL,
	`due_on` text,
	`status` text NOT NULL,
	`done_at` text,
	`done_note` text,
	`done_recorded_by` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`escalation_id`) REFERENCES `leadership_escalations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `crisis_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_recorded_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leadership_decisions_status` ON `leadership_decisions` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `leadership_decisions_event` ON `leadership_decisions` (`event_id`);--> statement-breakpoint
CREATE TABLE `leadership_escalations` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`plan_started_at` text NOT NULL,
	`decided_by_person_id` text,
	`decided_by_name` text NOT NULL,
	`level` text NOT NULL,
	`note` text,
	`recorded_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `crisis_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leadership_escalations_event` ON `leadership_escalations` (`event_id`);--> statement-breakpoint
CREATE TABLE `work_report_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`delivered_on` text NOT NULL,
	`recipients` text NOT NULL,
	`way` text NOT NULL,
	`note` text,
	`recorded_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `work_report_texts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `work_report_deliveries_report` ON `work_report_deliveries` (`report_id`);--> statement-breakpoint
CREATE TABLE `work_report_texts` (
	`id` text PRIMARY KEY NOT NULL,
	`period_key` text NOT NULL,
	`department` text NOT NULL,
	`progress` text NOT NULL,
	`problems` text NOT NULL,
	`suggestions` text NOT NULL,
	`revision` integer NOT NULL,
	`updated_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_report_texts_period` ON `work_report_texts` (`period_key`,`department`);