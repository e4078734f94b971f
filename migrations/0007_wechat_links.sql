CREATE TABLE `chat_links` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`platform` text DEFAULT 'wechat' NOT NULL,
	`external_id` text NOT NULL,
	`group_id` text NOT NULL,
	`member_id` text,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_links_external` ON `chat_links` (`platform`,`kind`,`external_id`);--> statement-breakpoint
CREATE INDEX `chat_links_group` ON `chat_links` (`group_id`);--> statement-breakpoint
CREATE TABLE `link_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`group_id` text NOT NULL,
	`member_id` text,
	`issued_by` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `appeals` ADD `no` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `appeals_publication_no` ON `appeals` (`publication_id`,`no`);--> statement-breakpoint
ALTER TABLE `claims` ADD `no` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `claims_group_no` ON `claims` (`group_id`,`no`);