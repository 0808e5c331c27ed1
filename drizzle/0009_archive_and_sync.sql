CREATE TABLE `destruction_guard` (
	`id` integer PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `destruction_records` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`student_id` text NOT NULL,
	`student_no` text NOT NULL,
	`summary` text NOT NULL,
	`reason` text NOT NULL,
	`approved_by` text NOT NULL,
	`destroyed_by` text NOT NULL,
	`destroyed_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `destruction_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`destroyed_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `destruction_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`records` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`approvals` text NOT NULL,
	`carried_out_by` text,
	`carried_out_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`carried_out_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `destruction_requests_status` ON `destruction_requests` (`status`,`requested_at`);--> statement-breakpoint
CREATE TABLE `legal_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`record_kind` text,
	`record_id` text,
	`reason` text NOT NULL,
	`placed_by` text NOT NULL,
	`placed_at` text NOT NULL,
	`released_by` text,
	`released_at` text,
	`release_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`released_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_holds_student` ON `legal_holds` (`student_id`,`released_at`);--> statement-breakpoint
CREATE TABLE `applied_updates` (
	`id` text PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`applied_by` text,
	`applied_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`applied_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applied_updates_bundle_id_unique` ON `applied_updates` (`bundle_id`);--> statement-breakpoint
CREATE TABLE `backup_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`folder` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`trigger` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `export_bundles` (
	`id` text PRIMARY KEY NOT NULL,
	`profile` text NOT NULL,
	`from_seq` integer NOT NULL,
	`to_seq` integer NOT NULL,
	`event_count` integer NOT NULL,
	`bytes` integer NOT NULL,
	`payload_sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`destination_kind` text,
	`destination` text,
	`status` text NOT NULL,
	`error` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	`acknowledged_at` text,
	`receipt_id` text,
	`created_by` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `export_bundles_profile` ON `export_bundles` (`profile`,`to_seq`);--> statement-breakpoint
ALTER TABLE `students` ADD `left_at` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `archived_at` text;--> statement-breakpoint
-- Destruction (档案销毁) is the one path that removes signed notes, addenda and alerts: it writes a
-- destruction_guard row at the start of its transaction and removes it before committing, so
-- these triggers let that transaction through and refuse every other delete as before.
DROP TRIGGER `session_notes_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `session_notes_no_delete` BEFORE DELETE ON `session_notes`
WHEN OLD.`status` <> 'draft' AND NOT EXISTS (SELECT 1 FROM `destruction_guard`)
BEGIN
  SELECT RAISE(ABORT, 'a signed note is never deleted');
END;
--> statement-breakpoint
DROP TRIGGER `note_addenda_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `note_addenda_no_delete` BEFORE DELETE ON `note_addenda`
WHEN NOT EXISTS (SELECT 1 FROM `destruction_guard`)
BEGIN
  SELECT RAISE(ABORT, 'an addendum is never deleted');
END;
--> statement-breakpoint
DROP TRIGGER `alerts_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `alerts_no_delete` BEFORE DELETE ON `alerts`
WHEN NOT EXISTS (SELECT 1 FROM `destruction_guard`)
BEGIN
  SELECT RAISE(ABORT, 'alerts are never deleted');
END;
--> statement-breakpoint
-- An archived case is read-only: neither the case nor its notes change by any path. Destruction
-- deletes (it does not update), so it is not affected.
CREATE TRIGGER `cases_archived_read_only` BEFORE UPDATE ON `cases`
WHEN OLD.`status` = 'archived'
BEGIN
  SELECT RAISE(ABORT, 'an archived case is read-only');
END;
--> statement-breakpoint
CREATE TRIGGER `session_notes_archived_read_only` BEFORE UPDATE ON `session_notes`
WHEN EXISTS (SELECT 1 FROM `cases` WHERE `cases`.`id` = OLD.`case_id` AND `cases`.`status` = 'archived')
BEGIN
  SELECT RAISE(ABORT, 'an archived case is read-only');
END;
--> statement-breakpoint
CREATE TRIGGER `session_notes_archived_no_insert` BEFORE INSERT ON `session_notes`
WHEN EXISTS (SELECT 1 FROM `cases` WHERE `cases`.`id` = NEW.`case_id` AND `cases`.`status` = 'archived')
BEGIN
  SELECT RAISE(ABORT, 'an archived case is read-only');
END;
