CREATE TABLE `approval_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`student_id` text NOT NULL,
	`payload` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` text,
	`requested_at` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_note` text,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_requests_one_pending` ON `approval_requests` (`kind`,`subject_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `approval_requests_status` ON `approval_requests` (`status`,`kind`);--> statement-breakpoint
CREATE INDEX `approval_requests_student` ON `approval_requests` (`student_id`);--> statement-breakpoint
ALTER TABLE `reports` ADD `close_action` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `linked_crisis_event_id` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `linked_intake_id` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `linked_alert_id` text;--> statement-breakpoint
ALTER TABLE `key_attention` ADD `listed_at` text;--> statement-breakpoint
ALTER TABLE `key_attention_history` ADD `reason_code` text;--> statement-breakpoint
-- The cadence of an entry counts from its last review or, before one, from when the student was
-- last put on the list: the latest 'added' or 'restored' history row, else the entry's creation.
UPDATE `key_attention` SET `listed_at` = coalesce(
  (SELECT max(h.`changed_at`) FROM `key_attention_history` h WHERE h.`entry_id` = `key_attention`.`id` AND h.`kind` IN ('added', 'restored')),
  `created_at`);
--> statement-breakpoint
-- A decided request stays as decided; requests are never deleted (a destruction of the student's
-- records goes through the archive module, which removes them with the rest).
CREATE TRIGGER `approval_requests_decided_fixed` BEFORE UPDATE ON `approval_requests`
WHEN OLD.`status` <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a decided request cannot change');
END;
