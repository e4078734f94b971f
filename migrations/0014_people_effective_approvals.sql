CREATE TABLE `leave_decisions` (
	`leave_id` text PRIMARY KEY NOT NULL,
	`decision` text NOT NULL,
	`by_user_id` text NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`leave_id`) REFERENCES `leaves`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `member_terms` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`effective_from` text NOT NULL,
	`coefficient` real NOT NULL,
	`position` text,
	`source` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_terms_member` ON `member_terms` (`member_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `scheme_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`no` integer NOT NULL,
	`name` text NOT NULL,
	`json` text NOT NULL,
	`source` text NOT NULL,
	`proposed_by` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheme_proposals_group_no` ON `scheme_proposals` (`group_id`,`no`);--> statement-breakpoint
ALTER TABLE `leaves` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `leaves` ADD `status` text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE `leaves` ADD `no` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `leaves_group_no` ON `leaves` (`group_id`,`no`);--> statement-breakpoint
ALTER TABLE `schemes` ADD `approved_by` text;--> statement-breakpoint
ALTER TABLE `schemes` ADD `approved_at` integer;--> statement-breakpoint
-- Data: every member's coefficient and post as they are now, in force from the beginning,
-- so each past month keeps the figures it had (issue 13 item 6).
INSERT INTO `member_terms` (`id`, `member_id`, `effective_from`, `coefficient`, `position`, `source`, `created_at`)
SELECT 'trm_' || substr(`id`, 5), `id`, '0001-01-01', `coefficient`, `position`, 'upgrade', `created_at` FROM `members`;--> statement-breakpoint
-- Data: leave registered before approval existed already counted; it stays approved.
UPDATE `leaves` SET `status` = 'approved';