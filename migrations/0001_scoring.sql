CREATE TABLE `adjustments` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`period` text NOT NULL,
	`member_id` text NOT NULL,
	`dimension` text NOT NULL,
	`points` real NOT NULL,
	`reason` text NOT NULL,
	`by_user_id` text NOT NULL,
	`revoked_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adjustments_group_period` ON `adjustments` (`group_id`,`period`);--> statement-breakpoint
CREATE TABLE `awards` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`period` text NOT NULL,
	`member_id` text NOT NULL,
	`level` text NOT NULL,
	`reason` text NOT NULL,
	`by_user_id` text NOT NULL,
	`revoked_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `awards_group_period` ON `awards` (`group_id`,`period`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`period` text NOT NULL,
	`member_id` text NOT NULL,
	`dimension` text NOT NULL,
	`rater_group` text NOT NULL,
	`rater_user_id` text NOT NULL,
	`score` real NOT NULL,
	`comment` text,
	`superseded_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ratings_group_period` ON `ratings` (`group_id`,`period`);--> statement-breakpoint
CREATE INDEX `ratings_member_period` ON `ratings` (`member_id`,`period`);--> statement-breakpoint
CREATE TABLE `schemes` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`json` text NOT NULL,
	`source` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schemes_group_version` ON `schemes` (`group_id`,`version`);--> statement-breakpoint
ALTER TABLE `members` ADD `coefficient` real DEFAULT 1 NOT NULL;