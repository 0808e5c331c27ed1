CREATE TABLE `census_followup_history` (
	`id` text PRIMARY KEY NOT NULL,
	`followup_id` text NOT NULL,
	`kind` text NOT NULL,
	`outcome` text,
	`previous_outcome` text,
	`note` text,
	`reason` text,
	`urgency` integer,
	`previous_urgency` integer,
	`details` text,
	`actor_id` text,
	`at` text NOT NULL,
	FOREIGN KEY (`followup_id`) REFERENCES `census_followups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `census_followup_history_followup` ON `census_followup_history` (`followup_id`,`at`);