CREATE TABLE `students` (
	`id` text PRIMARY KEY NOT NULL,
	`student_no` text NOT NULL,
	`name` text NOT NULL,
	`name_pinyin` text NOT NULL,
	`name_initials` text NOT NULL,
	`gender` text,
	`birth_date` text,
	`department` text,
	`major` text,
	`grade` text,
	`class_name` text,
	`dorm` text,
	`phone` text,
	`department_counselor` text,
	`guardians` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `students_student_no_unique` ON `students` (`student_no`);--> statement-breakpoint
CREATE INDEX `students_pinyin` ON `students` (`name_pinyin`);--> statement-breakpoint
CREATE INDEX `students_initials` ON `students` (`name_initials`);--> statement-breakpoint
CREATE INDEX `students_name` ON `students` (`name`);--> statement-breakpoint
CREATE INDEX `students_department` ON `students` (`department`,`grade`,`class_name`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`source` text NOT NULL,
	`assessment_id` text,
	`item` integer,
	`code` text NOT NULL,
	`level` text NOT NULL,
	`created_at` text NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` text,
	`action_taken` text,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `alerts_open` ON `alerts` (`acknowledged_at`,`level`);--> statement-breakpoint
CREATE INDEX `alerts_source` ON `alerts` (`assessment_id`,`code`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`instrument` text NOT NULL,
	`instrument_version` text NOT NULL,
	`mode` text NOT NULL,
	`status` text NOT NULL,
	`responses` text NOT NULL,
	`options` text NOT NULL,
	`result` text,
	`position` integer DEFAULT 0 NOT NULL,
	`administered_by` text,
	`started_at` text NOT NULL,
	`completed_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessments_student` ON `assessments` (`student_id`,`instrument`,`completed_at`);--> statement-breakpoint
CREATE TABLE `instrument_wordings` (
	`id` text PRIMARY KEY NOT NULL,
	`wording` text NOT NULL,
	`loaded_by` text,
	`loaded_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `accounts` ADD `department` text;