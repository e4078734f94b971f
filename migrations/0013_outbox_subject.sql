ALTER TABLE `outbox` ADD `subject_kind` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `subject_id` text;--> statement-breakpoint
CREATE INDEX `outbox_subject` ON `outbox` (`subject_kind`,`subject_id`);--> statement-breakpoint
-- Rows queued before 0013 carried what they are about only in their key. Approval copies were
-- `claim:<claim id>:<leader>` (the claimant's `claim:<id>:notice` and the `…:decided` updates are not copies).
UPDATE `outbox` SET `subject_kind` = 'approval', `subject_id` = substr(`key`, 7, instr(substr(`key`, 7), ':') - 1)
WHERE `key` GLOB 'claim:?*:?*' AND `key` NOT GLOB 'claim:*:*:*' AND `key` NOT GLOB 'claim:*:notice';--> statement-breakpoint
-- Welcome cards were `welcome:<chat id>:<event id>`, their updates the same key with `:members:<ms>` after it.
UPDATE `outbox` SET `subject_kind` = 'welcome', `subject_id` = substr(`key`, 9, instr(substr(`key`, 9), ':') - 1)
WHERE `key` GLOB 'welcome:?*:?*';
