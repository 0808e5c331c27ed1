CREATE TABLE `census_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`cohort` text NOT NULL,
	`grade` text,
	`period_start` text,
	`period_end` text,
	`instruments` text NOT NULL,
	`rules` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `census_batches_name_unique` ON `census_batches` (`name`);--> statement-breakpoint
CREATE TABLE `census_followups` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`student_id` text NOT NULL,
	`urgency` integer NOT NULL,
	`reasons` text NOT NULL,
	`assigned_to` text,
	`status` text NOT NULL,
	`outcome` text,
	`note` text,
	`interviewed_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `census_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `census_followups_unique` ON `census_followups` (`batch_id`,`student_id`);--> statement-breakpoint
CREATE INDEX `census_followups_assignee` ON `census_followups` (`assigned_to`,`status`);--> statement-breakpoint
CREATE TABLE `census_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`student_id` text NOT NULL,
	`instrument` text NOT NULL,
	`assessment_id` text NOT NULL,
	`answers_digest` text NOT NULL,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `census_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `census_forms_unique` ON `census_forms` (`batch_id`,`student_id`,`instrument`);