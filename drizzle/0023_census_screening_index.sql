-- Statistics' census figures (STATISTICS_SQL.censusForms) count screened and screen-positive forms
-- per batch: this index holds every column and the expression they read, so the forms themselves
-- (whose answers overflow their pages) are never read. The expression is written as the query's.
CREATE INDEX `assessments_census_screening` ON `assessments` (`census_batch_id`, `status`, `student_id`, `instrument`, ((instrument = 'upi' AND json_extract(result, '$.category') = 1) OR (instrument <> 'upi' AND json_extract(result, '$.screenPositive') = 1)));
