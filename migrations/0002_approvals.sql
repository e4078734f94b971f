CREATE TABLE `claim_decisions` (
	`claim_id` text PRIMARY KEY NOT NULL,
	`decision` text NOT NULL,
	`by_user_id` text NOT NULL,
	`points` real,
	`comment` text,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`detail` text NOT NULL,
	`evidence` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claims_group_status` ON `claims` (`group_id`,`status`);--> statement-breakpoint
CREATE INDEX `claims_member_period` ON `claims` (`member_id`,`period`);