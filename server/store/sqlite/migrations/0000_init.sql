CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE TABLE `assign_cursor` (
	`role` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`attributes` text NOT NULL,
	`consents` text NOT NULL,
	`tags` text NOT NULL,
	`segments` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`contact_id` text NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`at` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_contact` ON `events` (`contact_id`,`at`);--> statement-breakpoint
CREATE TABLE `funnel_versions` (
	`funnel_id` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`note` text,
	`published_by` text,
	`published_at` integer NOT NULL,
	PRIMARY KEY(`funnel_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `funnels` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`draft` text NOT NULL,
	`status` text NOT NULL,
	`version` integer,
	`paused_at` integer,
	`scenarios` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `goals` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`funnel_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`node` text NOT NULL,
	`name` text NOT NULL,
	`value` real,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `goals_funnel` ON `goals` (`funnel_id`,`node`);--> statement-breakpoint
CREATE TABLE `journal` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`funnel_id` text NOT NULL,
	`version` integer NOT NULL,
	`contact_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`node` text,
	`exit` text,
	`cause` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `journal_run` ON `journal` (`run_id`,`id`);--> statement-breakpoint
CREATE INDEX `journal_funnel` ON `journal` (`funnel_id`,`kind`,`node`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`contact_id` text NOT NULL,
	`sku` text,
	`amount` real NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`data` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `orders_contact` ON `orders` (`contact_id`,`at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`funnel_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`node` text NOT NULL,
	`channel` text NOT NULL,
	`marketing` integer NOT NULL,
	`payload` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`reply` text,
	`sent_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_run` ON `outbox` (`run_id`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`funnel_id` text NOT NULL,
	`version` integer NOT NULL,
	`contact_id` text NOT NULL,
	`key` text,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`node` text,
	`snapshot` text NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`ended_at` integer
);
--> statement-breakpoint
CREATE INDEX `runs_contact_status` ON `runs` (`contact_id`,`status`);--> statement-breakpoint
CREATE INDEX `runs_contact_funnel` ON `runs` (`contact_id`,`funnel_id`);--> statement-breakpoint
CREATE INDEX `runs_funnel_status` ON `runs` (`funnel_id`,`status`,`node`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`funnel_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`node` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`role` text,
	`user_id` text,
	`outcomes` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`due_at` integer,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` text
);
--> statement-breakpoint
CREATE INDEX `tasks_status` ON `tasks` (`status`,`role`);--> statement-breakpoint
CREATE INDEX `tasks_user` ON `tasks` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `timers` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`timer_id` text NOT NULL,
	`funnel_id` text NOT NULL,
	`event` text NOT NULL,
	`due_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `timers_run_timer` ON `timers` (`run_id`,`timer_id`);--> statement-breakpoint
CREATE INDEX `timers_due` ON `timers` (`due_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`teams` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);