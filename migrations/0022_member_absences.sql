CREATE TABLE `member_absences` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`from_day` text NOT NULL,
	`until_day` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_absences_member` ON `member_absences` (`member_id`,`from_day`);--> statement-breakpoint
CREATE TRIGGER `month_results_member_absences_insert` AFTER INSERT ON `member_absences` BEGIN
  INSERT INTO month_results (group_id, period, version) SELECT group_id, '', 1 FROM members WHERE id = NEW.member_id
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_member_absences_update` AFTER UPDATE ON `member_absences` BEGIN
  INSERT INTO month_results (group_id, period, version) SELECT group_id, '', 1 FROM members WHERE id = NEW.member_id
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_member_absences_delete` AFTER DELETE ON `member_absences` BEGIN
  INSERT INTO month_results (group_id, period, version) SELECT group_id, '', 1 FROM members WHERE id = OLD.member_id
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
