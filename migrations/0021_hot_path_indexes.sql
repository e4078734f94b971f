DROP INDEX `records_member_date`;--> statement-breakpoint
CREATE INDEX `records_member_date` ON `records` (`member_id`,`date`,`withdrawn_at`);--> statement-breakpoint
CREATE INDEX `outbox_target_next` ON `outbox` (`pace_key`,`status`,`next_attempt_at`);