CREATE TABLE `supervision_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`supervisor_account_id` text,
	`supervisor_name` text NOT NULL,
	`format` text NOT NULL,
	`hours` real NOT NULL,
	`supervisees` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`supervisor_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervision_sessions_date` ON `supervision_sessions` (`date`);--> statement-breakpoint
CREATE TABLE `training_attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`person_key` text NOT NULL,
	`account_id` text,
	`register_person_id` text,
	`name` text NOT NULL,
	`attended` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `training_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_attendance_person` ON `training_attendance` (`session_id`,`person_key`);--> statement-breakpoint
CREATE INDEX `training_attendance_key` ON `training_attendance` (`person_key`);--> statement-breakpoint
CREATE TABLE `training_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`audience` text NOT NULL,
	`trainer` text NOT NULL,
	`hours` real NOT NULL,
	`location` text,
	`department` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_sessions_date` ON `training_sessions` (`date`,`audience`);--> statement-breakpoint
CREATE TABLE `mental_health_courses` (
	`id` text PRIMARY KEY NOT NULL,
	`school_year` integer NOT NULL,
	`term` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`teachers` text NOT NULL,
	`hours` real NOT NULL,
	`grade` text,
	`departments` text NOT NULL,
	`classes` text NOT NULL,
	`enrolled` integer NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mental_health_courses_term` ON `mental_health_courses` (`school_year`,`term`);--> statement-breakpoint
ALTER TABLE `education_activities` ADD `organizer_level` text;--> statement-breakpoint
ALTER TABLE `education_activities` ADD `organizer_person_id` text;--> statement-breakpoint
ALTER TABLE `education_activities` ADD `class_name` text;--> statement-breakpoint
CREATE INDEX `education_activities_department` ON `education_activities` (`department`,`date`);