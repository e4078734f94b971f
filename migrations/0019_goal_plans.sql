CREATE TABLE `goal_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`no` integer NOT NULL,
	`period` text NOT NULL,
	`goal_ids` text NOT NULL,
	`proposed_by` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `goal_plans_group_no` ON `goal_plans` (`group_id`,`no`);--> statement-breakpoint
ALTER TABLE `goals` ADD `direction` text DEFAULT 'at_least' NOT NULL;--> statement-breakpoint
ALTER TABLE `goals` ADD `deadline` text;--> statement-breakpoint
ALTER TABLE `goals` ADD `standard` text;--> statement-breakpoint
ALTER TABLE `goals` ADD `plan_id` text;--> statement-breakpoint
-- Targets bound to an indicator score it from their progress through the month (a quarter's or a year's target
-- counts earlier months too), so a kept month result (0015) must go stale on any change to a group's targets or
-- to work tagged 「#目标N」: these bump the group-wide counter, which every kept month of the group names.
CREATE TRIGGER `month_results_goals_insert` AFTER INSERT ON `goals` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_goals_update` AFTER UPDATE ON `goals` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_goals_delete` AFTER DELETE ON `goals` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_goal_records_insert` AFTER INSERT ON `records` WHEN NEW.text LIKE '%目标%' BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_goal_records_update` AFTER UPDATE ON `records`
  WHEN NEW.text LIKE '%目标%' OR OLD.text LIKE '%目标%' BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_goal_records_delete` AFTER DELETE ON `records` WHEN OLD.text LIKE '%目标%' BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_goal_claims_decided` AFTER INSERT ON `claim_decisions`
  WHEN EXISTS (SELECT 1 FROM claims WHERE claims.id = NEW.claim_id AND claims.evidence LIKE '%目标%') BEGIN
  INSERT INTO month_results (group_id, period, version)
    SELECT claims.group_id, '', 1 FROM claims WHERE claims.id = NEW.claim_id
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_goal_claims_redecided` AFTER UPDATE ON `claim_decisions`
  WHEN EXISTS (SELECT 1 FROM claims WHERE claims.id = NEW.claim_id AND claims.evidence LIKE '%目标%') BEGIN
  INSERT INTO month_results (group_id, period, version)
    SELECT claims.group_id, '', 1 FROM claims WHERE claims.id = NEW.claim_id
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_goal_claims_undecided` AFTER DELETE ON `claim_decisions`
  WHEN EXISTS (SELECT 1 FROM claims WHERE claims.id = OLD.claim_id AND claims.evidence LIKE '%目标%') BEGIN
  INSERT INTO month_results (group_id, period, version)
    SELECT claims.group_id, '', 1 FROM claims WHERE claims.id = OLD.claim_id
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
