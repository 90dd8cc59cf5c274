CREATE TABLE schema_migrations (
	version INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	applied_ms BIGINT NOT NULL, 
	PRIMARY KEY (version)
);
CREATE TABLE audit_events (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	team_id VARCHAR(64) NOT NULL, 
	source_device VARCHAR(64) NOT NULL, 
	seq BIGINT NOT NULL, 
	at VARCHAR(64) NOT NULL, 
	device VARCHAR(64) NOT NULL, 
	actor VARCHAR(200) NOT NULL, 
	action VARCHAR(64) NOT NULL, 
	record_id VARCHAR(300), 
	hash VARCHAR(128) NOT NULL, 
	received_ms BIGINT NOT NULL, 
	UNIQUE (source_device, seq)
);
CREATE INDEX ix_audit_team_id ON audit_events (team_id, id);
CREATE INDEX ix_audit_record ON audit_events (record_id);
CREATE TABLE changes (
	seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	change_id VARCHAR(100) NOT NULL, 
	device_id VARCHAR(64) NOT NULL, 
	hlc VARCHAR(32) NOT NULL, 
	record_id VARCHAR(300) NOT NULL, 
	record_type VARCHAR(100) NOT NULL, 
	space VARCHAR(300) NOT NULL, 
	field VARCHAR(200) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	key_version INTEGER NOT NULL, 
	payload BLOB NOT NULL, 
	payload_dropped BOOLEAN NOT NULL, 
	received_ms BIGINT NOT NULL, 
	UNIQUE (change_id)
);
CREATE INDEX ix_changes_space_seq ON changes (space, seq);
CREATE INDEX ix_changes_record_field ON changes (record_id, field);
CREATE TABLE meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE teams (
	id VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	created_ms BIGINT NOT NULL, 
	programme VARCHAR(16) DEFAULT 'IPS' NOT NULL, 
	region VARCHAR(100) DEFAULT '' NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE spaces (
	space VARCHAR(300) NOT NULL, 
	team_id VARCHAR(64) NOT NULL, 
	created_ms BIGINT NOT NULL, 
	PRIMARY KEY (space), 
	FOREIGN KEY(team_id) REFERENCES teams (id)
);
CREATE TABLE users (
	id VARCHAR(64) NOT NULL, 
	team_id VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	role VARCHAR(32) NOT NULL, 
	created_ms BIGINT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (team_id, name), 
	FOREIGN KEY(team_id) REFERENCES teams (id)
);
CREATE TABLE devices (
	id VARCHAR(64) NOT NULL, 
	user_id VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	x25519_public BLOB NOT NULL, 
	ed25519_public BLOB NOT NULL, 
	certificate BLOB NOT NULL, 
	enrolled_ms BIGINT NOT NULL, 
	approved_ms BIGINT, 
	revoked_ms BIGINT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id)
);
CREATE TABLE enrolment_codes (
	id VARCHAR(64) NOT NULL, 
	user_id VARCHAR(64) NOT NULL, 
	code_hash VARCHAR(64) NOT NULL, 
	created_ms BIGINT NOT NULL, 
	expires_ms BIGINT NOT NULL, 
	used_ms BIGINT, 
	used_by_device VARCHAR(64), 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id), 
	UNIQUE (code_hash)
);
CREATE TABLE grants (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	space VARCHAR(300) NOT NULL, 
	key_version INTEGER NOT NULL, 
	to_device VARCHAR(64) NOT NULL, 
	from_device VARCHAR(64) NOT NULL, 
	wrapped_key BLOB NOT NULL, 
	signature BLOB NOT NULL, 
	created_ms BIGINT NOT NULL, 
	UNIQUE (space, key_version, to_device), 
	FOREIGN KEY(to_device) REFERENCES devices (id), 
	FOREIGN KEY(from_device) REFERENCES devices (id)
);
CREATE INDEX ix_grants_to_device ON grants (to_device);
CREATE TABLE memberships (
	space VARCHAR(300) NOT NULL, 
	device_id VARCHAR(64) NOT NULL, 
	via VARCHAR(16) NOT NULL, 
	added_ms BIGINT NOT NULL, 
	needs_resync BOOLEAN NOT NULL, 
	PRIMARY KEY (space, device_id), 
	FOREIGN KEY(space) REFERENCES spaces (space), 
	FOREIGN KEY(device_id) REFERENCES devices (id)
);
CREATE INDEX ix_memberships_device ON memberships (device_id);
