CREATE TABLE `appeal_decisions` (
	`appeal_id` text PRIMARY KEY NOT NULL,
	`decision` text NOT NULL,
	`by_user_id` text NOT NULL,
	`reason` text NOT NULL,
	`dimension` text,
	`points` real,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`appeal_id`) REFERENCES `appeals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `appeals` (
	`id` text PRIMARY KEY NOT NULL,
	`publication_id` text NOT NULL,
	`member_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appeals_publication` ON `appeals` (`publication_id`,`status`);--> statement-breakpoint
CREATE TABLE `publications` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`period` text NOT NULL,
	`status` text DEFAULT 'provisional' NOT NULL,
	`window_ends` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`published_at` integer NOT NULL,
	`finalized_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publications_group_period` ON `publications` (`group_id`,`period`);