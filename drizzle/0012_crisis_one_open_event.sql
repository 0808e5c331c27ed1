ALTER TABLE `crisis_steps` ADD `overdue_at_level_change` text;--> statement-breakpoint
-- One crisis event at a time per student: the core checks it inside its write transaction, and the
-- store refuses a second open (or closing) event too, whatever path writes it. A trigger and not a
-- unique index, because a store from before this rule may already hold two open events for one
-- student: those rows stay as they are (no data lost) and can still be worked and closed.
CREATE TRIGGER `crisis_events_one_open_insert` BEFORE INSERT ON `crisis_events`
WHEN NEW.`status` IN ('open', 'closing')
  AND EXISTS (SELECT 1 FROM `crisis_events` WHERE `student_id` = NEW.`student_id` AND `status` IN ('open', 'closing'))
BEGIN
  SELECT RAISE(ABORT, 'crisisEventOpen: the student already has an open crisis event');
END;
--> statement-breakpoint
CREATE TRIGGER `crisis_events_one_open_update` BEFORE UPDATE OF `status`, `student_id` ON `crisis_events`
WHEN NEW.`status` IN ('open', 'closing')
  AND (OLD.`status` NOT IN ('open', 'closing') OR OLD.`student_id` IS NOT NEW.`student_id`)
  AND EXISTS (SELECT 1 FROM `crisis_events` WHERE `student_id` = NEW.`student_id` AND `status` IN ('open', 'closing') AND `id` <> NEW.`id`)
BEGIN
  SELECT RAISE(ABORT, 'crisisEventOpen: the student already has an open crisis event');
END;
