CREATE TABLE `department_scores` (
	`group_id` text NOT NULL,
	`period` text NOT NULL,
	`score` real NOT NULL,
	`by_user_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`group_id`, `period`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `goals` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`seq` integer NOT NULL,
	`period` text NOT NULL,
	`member_id` text,
	`dimension` text,
	`title` text NOT NULL,
	`planned` real NOT NULL,
	`unit` text DEFAULT '' NOT NULL,
	`by_user_id` text NOT NULL,
	`cancelled_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `goals_group_seq` ON `goals` (`group_id`,`seq`);--> statement-breakpoint
CREATE INDEX `goals_group_period` ON `goals` (`group_id`,`period`);--> statement-breakpoint
CREATE TABLE `tenant_admins` (
	`platform` text NOT NULL,
	`tenant_key` text NOT NULL,
	`user_id` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`added_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`platform`, `tenant_key`, `user_id`)
);
