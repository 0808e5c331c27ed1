ALTER TABLE `audit_events` ADD `bulk` text;--> statement-breakpoint
CREATE INDEX `audit_events_action` ON `audit_events` (`action`);--> statement-breakpoint
CREATE INDEX `audit_events_at` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `audit_events_bulk` ON `audit_events` (`bulk`) WHERE bulk IS NOT NULL;--> statement-breakpoint
UPDATE `audit_events` SET `bulk` = json_extract(`details`, '$.bulk') WHERE instr(`details`, '"bulk":"') > 0 AND json_type(`details`, '$.bulk') = 'text';
