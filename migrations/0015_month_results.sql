CREATE TABLE `month_results` (
	`group_id` text NOT NULL,
	`period` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`stamp` text,
	`result` text,
	PRIMARY KEY(`group_id`, `period`)
);
-- Finished months' results kept for exports (src/app/month-cache.ts). Every table a month is scored
-- from bumps a counter when written, so every write path, present or future, invalidates what it
-- touches without remembering to: the month's own row for a write about that month, the group's row
-- (period '') for one that touches all its months. Nothing to backfill: an empty cache is a cold one.
--> statement-breakpoint
CREATE TRIGGER `month_results_ratings_insert` AFTER INSERT ON `ratings` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, NEW.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_ratings_update` AFTER UPDATE ON `ratings` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, OLD.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, NEW.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_ratings_delete` AFTER DELETE ON `ratings` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, OLD.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_adjustments_insert` AFTER INSERT ON `adjustments` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, NEW.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_adjustments_update` AFTER UPDATE ON `adjustments` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, OLD.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, NEW.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_adjustments_delete` AFTER DELETE ON `adjustments` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, OLD.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_awards_insert` AFTER INSERT ON `awards` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, NEW.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_awards_update` AFTER UPDATE ON `awards` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, OLD.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, NEW.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_awards_delete` AFTER DELETE ON `awards` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, OLD.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_department_scores_insert` AFTER INSERT ON `department_scores` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, NEW.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_department_scores_update` AFTER UPDATE ON `department_scores` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, OLD.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, NEW.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_department_scores_delete` AFTER DELETE ON `department_scores` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, OLD.period, 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_records_insert` AFTER INSERT ON `records` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, substr(NEW.date, 1, 7), 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_records_update` AFTER UPDATE ON `records` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, substr(OLD.date, 1, 7), 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, substr(NEW.date, 1, 7), 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_records_delete` AFTER DELETE ON `records` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, substr(OLD.date, 1, 7), 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_members_insert` AFTER INSERT ON `members` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_members_update` AFTER UPDATE ON `members` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_members_delete` AFTER DELETE ON `members` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_schemes_insert` AFTER INSERT ON `schemes` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_schemes_update` AFTER UPDATE ON `schemes` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_schemes_delete` AFTER DELETE ON `schemes` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
-- Leave scores only once approved (attendance reads approved, uncancelled leave): a request, or a
-- rejection (0014: leaves.status, with leave_decisions beside it), changes no month; approving,
-- cancelling or editing approved leave touches every month it spans, so the group's counter.
CREATE TRIGGER `month_results_leaves_insert` AFTER INSERT ON `leaves` WHEN NEW.status = 'approved' BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_leaves_update` AFTER UPDATE ON `leaves`
  WHEN OLD.status = 'approved' OR NEW.status = 'approved' BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_leaves_delete` AFTER DELETE ON `leaves` WHEN OLD.status = 'approved' BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.group_id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
-- 岗变酬变 (0014): a member's coefficient and post are read from member_terms for each month; a term
-- in force from a date touches every month from then on, so the member's group's counter. The SELECT
-- form writes nothing for a member that is not there (its foreign key refuses the row anyway).
CREATE TRIGGER `month_results_member_terms_insert` AFTER INSERT ON `member_terms` BEGIN
  INSERT INTO month_results (group_id, period, version) SELECT group_id, '', 1 FROM members WHERE id = NEW.member_id
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_member_terms_update` AFTER UPDATE ON `member_terms` BEGIN
  INSERT INTO month_results (group_id, period, version) SELECT group_id, '', 1 FROM members WHERE id = OLD.member_id
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) SELECT group_id, '', 1 FROM members WHERE id = NEW.member_id
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_member_terms_delete` AFTER DELETE ON `member_terms` BEGIN
  INSERT INTO month_results (group_id, period, version) SELECT group_id, '', 1 FROM members WHERE id = OLD.member_id
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `month_results_groups_update` AFTER UPDATE OF id, timezone, settings ON `groups` BEGIN
  INSERT INTO month_results (group_id, period, version) VALUES (OLD.id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
  INSERT INTO month_results (group_id, period, version) VALUES (NEW.id, '', 1)
    ON CONFLICT (group_id, period) DO UPDATE SET version = version + 1, stamp = NULL, result = NULL;
END;
