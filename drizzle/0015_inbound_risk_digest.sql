CREATE TABLE `inbound_applied` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`bundle_id` text NOT NULL,
	`record_id` text,
	`applied_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_applied_seq_unique` ON `inbound_applied` (`seq`);--> statement-breakpoint
CREATE TABLE `risk_digests` (
	`id` text PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`digest_created_at` text NOT NULL,
	`entries` text NOT NULL,
	`received_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `risk_digests_created` ON `risk_digests` (`digest_created_at`);