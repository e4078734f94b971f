CREATE TABLE `data_migrations` (
	`name` text PRIMARY KEY NOT NULL,
	`done_at` integer
);
--> statement-breakpoint
-- Group and member ids become fixed-length digests (src/db/ids.ts); SQL cannot compute
-- them, so applyMigrations rewrites every reference in code (src/db/rewrite-ids.ts).
INSERT INTO `data_migrations` (`name`) VALUES ('0009_bounded_ids');
