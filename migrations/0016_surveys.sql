CREATE TABLE `survey_codes` (
	`survey_id` text NOT NULL,
	`code` text NOT NULL,
	`choice` text,
	`comment` text,
	`answered_at` integer,
	PRIMARY KEY(`survey_id`, `code`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`seq` integer NOT NULL,
	`period` text NOT NULL,
	`dimension` text NOT NULL,
	`member_id` text,
	`title` text NOT NULL,
	`source` text NOT NULL,
	`min_sample` integer NOT NULL,
	`public_key` text NOT NULL,
	`print_key` text NOT NULL,
	`votes` text,
	`status` text DEFAULT 'open' NOT NULL,
	`sample` integer,
	`score` real,
	`by_user_id` text NOT NULL,
	`closed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_group_seq` ON `surveys` (`group_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_public_key` ON `surveys` (`public_key`);--> statement-breakpoint
CREATE INDEX `surveys_group_period` ON `surveys` (`group_id`,`period`);