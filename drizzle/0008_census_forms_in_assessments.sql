-- A census form is an assessment with its batch and answers digest: one row (and one audit and
-- outbox event) per form instead of two. The old rows are copied over before their table goes.
ALTER TABLE `assessments` ADD `census_batch_id` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `answers_digest` text;--> statement-breakpoint
UPDATE `assessments` SET
  `census_batch_id` = (SELECT `batch_id` FROM `census_forms` WHERE `census_forms`.`assessment_id` = `assessments`.`id`),
  `answers_digest` = (SELECT `answers_digest` FROM `census_forms` WHERE `census_forms`.`assessment_id` = `assessments`.`id`)
WHERE `id` IN (SELECT `assessment_id` FROM `census_forms`);--> statement-breakpoint
DROP TABLE `census_forms`;--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_census_form` ON `assessments` (`census_batch_id`,`student_id`,`instrument`);
