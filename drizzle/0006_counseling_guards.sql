-- A report (上报) can now raise an alert: its report_id is part of what the alert is about, so it
-- joins the columns that can never be rewritten.
DROP TRIGGER `alerts_source_fixed`;
--> statement-breakpoint
CREATE TRIGGER `alerts_source_fixed` BEFORE UPDATE OF `student_id`, `source`, `assessment_id`, `report_id`, `item`, `code`, `level`, `created_at` ON `alerts`
BEGIN
  SELECT RAISE(ABORT, 'an alert''s source is fixed');
END;
--> statement-breakpoint
-- A signed note, or one awaiting co-signature, is locked: its content cannot change by any path
-- (the core refuses first; this stops a write that bypasses it). A director's unlock changes only
-- the status, after which the body may be edited and signed again.
CREATE TRIGGER `session_notes_locked` BEFORE UPDATE ON `session_notes`
WHEN OLD.`status` IN ('signed', 'awaiting_cosign')
  AND (NEW.`body` IS NOT OLD.`body` OR NEW.`topics` IS NOT OLD.`topics` OR NEW.`risk_check` IS NOT OLD.`risk_check`
    OR NEW.`session_at` IS NOT OLD.`session_at` OR NEW.`mode` IS NOT OLD.`mode` OR NEW.`minutes` IS NOT OLD.`minutes`
    OR NEW.`author_id` IS NOT OLD.`author_id` OR NEW.`case_id` IS NOT OLD.`case_id`)
BEGIN
  SELECT RAISE(ABORT, 'a locked note cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER `session_notes_no_delete` BEFORE DELETE ON `session_notes`
WHEN OLD.`status` <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'a signed note is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `note_addenda_no_update` BEFORE UPDATE ON `note_addenda`
BEGIN
  SELECT RAISE(ABORT, 'an addendum cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER `note_addenda_no_delete` BEFORE DELETE ON `note_addenda`
BEGIN
  SELECT RAISE(ABORT, 'an addendum is never deleted');
END;
