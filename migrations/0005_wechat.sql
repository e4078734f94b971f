ALTER TABLE `claims` ADD `no` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `claims_group_no` ON `claims` (`group_id`,`no`);