DROP INDEX `students_pinyin`;--> statement-breakpoint
DROP INDEX `students_initials`;--> statement-breakpoint
DROP INDEX `students_name`;