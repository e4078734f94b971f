ALTER TABLE `members` ADD `left_on` text;--> statement-breakpoint
ALTER TABLE `members` ADD `moved_to` text;--> statement-breakpoint
ALTER TABLE `members` ADD `joined_on` text;