CREATE TABLE `follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`no` integer NOT NULL,
	`member_id` text NOT NULL,
	`period` text NOT NULL,
	`problem` text NOT NULL,
	`measure` text NOT NULL,
	`owner` text NOT NULL,
	`due` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_by` text,
	`closed_at` integer,
	`closing_note` text,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_group_no` ON `follow_ups` (`group_id`,`no`);--> statement-breakpoint
CREATE INDEX `follow_ups_member` ON `follow_ups` (`member_id`);--> statement-breakpoint
CREATE TABLE `grade_confirmations` (
	`group_id` text NOT NULL,
	`period` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_at` integer NOT NULL,
	`computed` text DEFAULT '[]' NOT NULL,
	`confirmed_by` text,
	`confirmed_at` integer,
	PRIMARY KEY(`group_id`, `period`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `grade_overrides` (
	`group_id` text NOT NULL,
	`period` text NOT NULL,
	`member_id` text NOT NULL,
	`grade` text,
	`computed` text,
	`reason` text NOT NULL,
	`by_user_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `period`, `member_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
