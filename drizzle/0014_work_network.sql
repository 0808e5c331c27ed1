CREATE TABLE `network_people` (
	`id` text PRIMARY KEY NOT NULL,
	`school_year` text NOT NULL,
	`level` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`office` text,
	`phone` text,
	`department` text,
	`grade` text,
	`class_name` text,
	`student_id` text,
	`account_id` text,
	`term_from` text,
	`term_to` text,
	`note` text,
	`retired_at` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `network_people_year` ON `network_people` (`school_year`,`department`,`class_name`);--> statement-breakpoint
CREATE INDEX `network_people_student` ON `network_people` (`student_id`);--> statement-breakpoint
ALTER TABLE `reports` ADD `reporter_person_id` text;--> statement-breakpoint
ALTER TABLE `crisis_notifications` ADD `recipient_person_id` text;--> statement-breakpoint
ALTER TABLE `crisis_steps` ADD `assignee_person_id` text;--> statement-breakpoint
ALTER TABLE `crisis_steps` ADD `done_by_person_id` text;