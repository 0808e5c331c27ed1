ALTER TABLE `alerts` ADD `ack_action` text;--> statement-breakpoint
-- An acknowledgement is what someone did about an alert: once made it stays as made (who, when,
-- what). A later action is recorded elsewhere (an event, a note), never by rewriting this one.
CREATE TRIGGER `alerts_acknowledgement_fixed` BEFORE UPDATE OF `acknowledged_by`, `acknowledged_at`, `action_taken`, `ack_action` ON `alerts`
WHEN OLD.`acknowledged_at` IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'an alert''s acknowledgement is fixed');
END;
