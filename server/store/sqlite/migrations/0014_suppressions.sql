CREATE TABLE `suppressions` (
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`reason` text,
	`message_id` text,
	`contact_id` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`channel`, `address`)
);
