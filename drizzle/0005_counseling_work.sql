CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`reporter_kind` text NOT NULL,
	`reporter_name` text,
	`reporter_contact` text,
	`signs` text NOT NULL,
	`description` text,
	`urgency` text NOT NULL,
	`status` text NOT NULL,
	`triage_note` text,
	`case_id` text,
	`reported_at` text NOT NULL,
	`created_by` text,
	`handled_by` text,
	`handled_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handled_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reports_status` ON `reports` (`status`,`urgency`);--> statement-breakpoint
CREATE INDEX `reports_student` ON `reports` (`student_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`case_no` text NOT NULL,
	`student_id` text NOT NULL,
	`counselor_id` text NOT NULL,
	`status` text NOT NULL,
	`risk_level` text NOT NULL,
	`opened_at` text NOT NULL,
	`closed_at` text,
	`closing_reason` text,
	`closing_summary` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counselor_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_no_unique` ON `cases` (`case_no`);--> statement-breakpoint
CREATE INDEX `cases_student` ON `cases` (`student_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_counselor` ON `cases` (`counselor_id`,`status`);--> statement-breakpoint
CREATE TABLE `intakes` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`case_id` text NOT NULL,
	`report_id` text,
	`consent` text NOT NULL,
	`concerns` text NOT NULL,
	`other_concern` text,
	`history` text,
	`risk_assessment_id` text,
	`impression` text,
	`disposition` text NOT NULL,
	`conducted_by` text NOT NULL,
	`conducted_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`risk_assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conducted_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `intakes_case` ON `intakes` (`case_id`);--> statement-breakpoint
CREATE INDEX `intakes_student` ON `intakes` (`student_id`);--> statement-breakpoint
CREATE TABLE `note_addenda` (
	`id` text PRIMARY KEY NOT NULL,
	`note_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`note_id`) REFERENCES `session_notes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `note_addenda_note` ON `note_addenda` (`note_id`);--> statement-breakpoint
CREATE TABLE `session_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`student_id` text NOT NULL,
	`author_id` text NOT NULL,
	`appointment_id` text,
	`session_at` text NOT NULL,
	`mode` text NOT NULL,
	`minutes` integer NOT NULL,
	`topics` text NOT NULL,
	`body` text NOT NULL,
	`risk_check` text,
	`status` text NOT NULL,
	`sign_due_at` text NOT NULL,
	`signed_by` text,
	`signed_at` text,
	`cosigner_id` text,
	`cosigned_at` text,
	`unlocked_by` text,
	`unlocked_at` text,
	`unlock_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cosigner_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unlocked_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_notes_case` ON `session_notes` (`case_id`,`session_at`);--> statement-breakpoint
CREATE INDEX `session_notes_author` ON `session_notes` (`author_id`,`status`);--> statement-breakpoint
CREATE INDEX `session_notes_cosigner` ON `session_notes` (`cosigner_id`,`status`);--> statement-breakpoint
CREATE TABLE `break_glass_accesses` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`student_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`reason` text NOT NULL,
	`accessed_at` text NOT NULL,
	`review` text NOT NULL,
	`reviewed_by` text,
	`reviewed_at` text,
	`review_note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `break_glass_review` ON `break_glass_accesses` (`review`,`accessed_at`);--> statement-breakpoint
CREATE INDEX `break_glass_account` ON `break_glass_accesses` (`account_id`,`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`counselor_id` text NOT NULL,
	`room_id` text,
	`case_id` text,
	`kind` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`status` text NOT NULL,
	`remark` text,
	`cancel_reason` text,
	`waitlist_entry_id` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counselor_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointments_counselor` ON `appointments` (`counselor_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_room` ON `appointments` (`room_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_student` ON `appointments` (`student_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_case` ON `appointments` (`case_id`);--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rooms_name_unique` ON `rooms` (`name`);--> statement-breakpoint
CREATE TABLE `waitlist_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`priority` integer NOT NULL,
	`preferred_counselor_id` text,
	`case_id` text,
	`remark` text,
	`status` text NOT NULL,
	`appointment_id` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`preferred_counselor_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `waitlist_open` ON `waitlist_entries` (`status`,`priority`,`created_at`);--> statement-breakpoint
CREATE TABLE `counseling_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`theme` text NOT NULL,
	`custom_theme` text,
	`leaders` text NOT NULL,
	`status` text NOT NULL,
	`start_date` text,
	`end_date` text,
	`description` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `group_members` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`student_id` text NOT NULL,
	`joined_at` text NOT NULL,
	`left_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `counseling_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_members_unique` ON `group_members` (`group_id`,`student_id`);--> statement-breakpoint
CREATE INDEX `group_members_student` ON `group_members` (`student_id`);--> statement-breakpoint
CREATE TABLE `group_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`number` integer NOT NULL,
	`held_at` text NOT NULL,
	`attendance` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `counseling_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_sessions_number` ON `group_sessions` (`group_id`,`number`);--> statement-breakpoint
CREATE TABLE `education_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`organizer` text NOT NULL,
	`audience` text,
	`department` text,
	`participants` integer NOT NULL,
	`location` text,
	`description` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `education_activities_date` ON `education_activities` (`date`,`kind`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_entity` text NOT NULL,
	`owner_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`content_base64` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_owner` ON `attachments` (`owner_entity`,`owner_id`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `supervisor_id` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `report_id` text;