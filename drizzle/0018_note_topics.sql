ALTER TABLE `session_notes` ADD `topic_categories` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `session_notes` ADD `topic_other` text;--> statement-breakpoint
-- The plan's counseling topics. Existing notes gain the categories their free words name (情绪,
-- 情绪调节, 情绪问题 -> emotion_regulation ...); the free words themselves stay in `topics` as the
-- note's tags, so nothing a counselor wrote is rewritten or lost. A note already signed whose words
-- name none of the plan's topics is counted under 其他, with its words as the 其他 text, so every
-- session the center reports stays in the figures. Drafts without a match stay without a topic.
-- The archived-case guard refuses every update of a note, so it is lifted for these two statements
-- and put back as it was; the lock guard comes back covering the topics too.
DROP TRIGGER `session_notes_locked`;
--> statement-breakpoint
DROP TRIGGER `session_notes_archived_read_only`;
--> statement-breakpoint
WITH `topic_words`(`word`, `topic`, `ord`) AS (VALUES
  ('学习适应', 'academic_adjustment', 1),
  ('学业', 'academic_adjustment', 1),
  ('学习', 'academic_adjustment', 1),
  ('学业压力', 'academic_adjustment', 1),
  ('学习困难', 'academic_adjustment', 1),
  ('适应', 'academic_adjustment', 1),
  ('新生适应', 'academic_adjustment', 1),
  ('入学适应', 'academic_adjustment', 1),
  ('厌学', 'academic_adjustment', 1),
  ('考试焦虑', 'academic_adjustment', 1),
  ('academic adjustment', 'academic_adjustment', 1),
  ('academic', 'academic_adjustment', 1),
  ('study', 'academic_adjustment', 1),
  ('studies', 'academic_adjustment', 1),
  ('adjustment', 'academic_adjustment', 1),
  ('情绪调节', 'emotion_regulation', 2),
  ('情绪', 'emotion_regulation', 2),
  ('情绪问题', 'emotion_regulation', 2),
  ('情绪困扰', 'emotion_regulation', 2),
  ('抑郁', 'emotion_regulation', 2),
  ('焦虑', 'emotion_regulation', 2),
  ('低落', 'emotion_regulation', 2),
  ('情绪低落', 'emotion_regulation', 2),
  ('emotion regulation', 'emotion_regulation', 2),
  ('emotion', 'emotion_regulation', 2),
  ('emotions', 'emotion_regulation', 2),
  ('mood', 'emotion_regulation', 2),
  ('人际交往', 'interpersonal', 3),
  ('人际', 'interpersonal', 3),
  ('人际关系', 'interpersonal', 3),
  ('宿舍关系', 'interpersonal', 3),
  ('宿舍矛盾', 'interpersonal', 3),
  ('室友关系', 'interpersonal', 3),
  ('同学关系', 'interpersonal', 3),
  ('社交', 'interpersonal', 3),
  ('interpersonal relationships', 'interpersonal', 3),
  ('interpersonal', 'interpersonal', 3),
  ('relationships with peers', 'interpersonal', 3),
  ('roommates', 'interpersonal', 3),
  ('压力应对', 'stress_coping', 4),
  ('压力', 'stress_coping', 4),
  ('压力管理', 'stress_coping', 4),
  ('应激', 'stress_coping', 4),
  ('coping with stress', 'stress_coping', 4),
  ('stress', 'stress_coping', 4),
  ('生涯规划', 'career_planning', 5),
  ('生涯', 'career_planning', 5),
  ('就业', 'career_planning', 5),
  ('职业', 'career_planning', 5),
  ('职业规划', 'career_planning', 5),
  ('升学', 'career_planning', 5),
  ('考研', 'career_planning', 5),
  ('求职', 'career_planning', 5),
  ('career planning', 'career_planning', 5),
  ('career', 'career_planning', 5),
  ('employment', 'career_planning', 5),
  ('情感问题', 'relationships', 6),
  ('恋爱', 'relationships', 6),
  ('情感', 'relationships', 6),
  ('失恋', 'relationships', 6),
  ('恋爱关系', 'relationships', 6),
  ('婚恋', 'relationships', 6),
  ('romantic relationships', 'relationships', 6),
  ('romance', 'relationships', 6),
  ('dating', 'relationships', 6),
  ('breakup', 'relationships', 6)
)
UPDATE `session_notes` SET `topic_categories` = (
  SELECT json_group_array(`topic`) FROM (
    SELECT `w`.`topic` AS `topic`, min(`w`.`ord`) AS `ord` FROM json_each(`session_notes`.`topics`) `t`
      JOIN `topic_words` `w` ON `w`.`word` = lower(trim(`t`.`value`)) GROUP BY `w`.`topic` ORDER BY `ord`
  )
)
WHERE EXISTS (SELECT 1 FROM json_each(`session_notes`.`topics`) `t` JOIN `topic_words` `w` ON `w`.`word` = lower(trim(`t`.`value`)));
--> statement-breakpoint
UPDATE `session_notes` SET `topic_categories` = '["other"]',
  `topic_other` = (SELECT substr(group_concat(trim(`t`.`value`), '、'), 1, 64) FROM json_each(`session_notes`.`topics`) `t` WHERE trim(`t`.`value`) <> '')
WHERE `status` <> 'draft' AND `topic_categories` = '[]';
--> statement-breakpoint
CREATE TRIGGER `session_notes_locked` BEFORE UPDATE ON `session_notes`
WHEN OLD.`status` IN ('signed', 'awaiting_cosign')
  AND (NEW.`body` IS NOT OLD.`body` OR NEW.`topics` IS NOT OLD.`topics` OR NEW.`risk_check` IS NOT OLD.`risk_check`
    OR NEW.`topic_categories` IS NOT OLD.`topic_categories` OR NEW.`topic_other` IS NOT OLD.`topic_other`
    OR NEW.`session_at` IS NOT OLD.`session_at` OR NEW.`mode` IS NOT OLD.`mode` OR NEW.`minutes` IS NOT OLD.`minutes`
    OR NEW.`author_id` IS NOT OLD.`author_id` OR NEW.`case_id` IS NOT OLD.`case_id`)
BEGIN
  SELECT RAISE(ABORT, 'a locked note cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER `session_notes_archived_read_only` BEFORE UPDATE ON `session_notes`
WHEN EXISTS (SELECT 1 FROM `cases` WHERE `cases`.`id` = OLD.`case_id` AND `cases`.`status` = 'archived')
BEGIN
  SELECT RAISE(ABORT, 'an archived case is read-only');
END;
