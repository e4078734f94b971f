CREATE TABLE `job_failures` (
	`group_id` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`failures` integer DEFAULT 1 NOT NULL,
	`last_error` text NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`reported_at` integer,
	PRIMARY KEY(`group_id`, `kind`, `period`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
