-- An alert from a critical answer must never disappear (CRISIS.md). The core has no delete
-- path; this trigger also stops a delete that bypasses the core, and stops rewriting what the
-- alert was about once it exists.
CREATE TRIGGER `alerts_no_delete` BEFORE DELETE ON `alerts`
BEGIN
  SELECT RAISE(ABORT, 'alerts are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `alerts_source_fixed` BEFORE UPDATE OF `student_id`, `source`, `assessment_id`, `item`, `code`, `level`, `created_at` ON `alerts`
BEGIN
  SELECT RAISE(ABORT, 'an alert''s source is fixed');
END;
