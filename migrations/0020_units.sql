CREATE TABLE `unit_pools` (
	`platform` text NOT NULL,
	`tenant_key` text NOT NULL,
	`year` text NOT NULL,
	`pool_fen` integer NOT NULL,
	`by_user_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`platform`, `tenant_key`, `year`)
);
--> statement-breakpoint
CREATE TABLE `unit_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`period` text NOT NULL,
	`dimension` text NOT NULL,
	`rater_user_id` text NOT NULL,
	`score` real NOT NULL,
	`comment` text,
	`superseded_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_ratings_group_period` ON `unit_ratings` (`group_id`,`period`);--> statement-breakpoint
CREATE TABLE `unit_schemes` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`json` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_schemes_group_version` ON `unit_schemes` (`group_id`,`version`);--> statement-breakpoint
-- A unit's rating changes its month where a members' scheme binds people to the unit (捆绑考核) and the 部门绩效
-- that calibrates them; a unit scheme version changes every month of the group (as schemes do, 0015).
CREATE TRIGGER `month_results_unit_ratings_insert` AFTER INSERT ON `unit_ratings` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, NEW.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_unit_ratings_update` AFTER UPDATE ON `unit_ratings` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, OLD.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, NEW.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_unit_ratings_delete` AFTER DELETE ON `unit_ratings` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, OLD.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_unit_schemes_insert` AFTER INSERT ON `unit_schemes` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_unit_schemes_update` AFTER UPDATE ON `unit_schemes` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_unit_schemes_delete` AFTER DELETE ON `unit_schemes` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
