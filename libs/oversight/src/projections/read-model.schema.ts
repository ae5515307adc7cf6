/**
 * Read-model tables (SQLite, in every deployment mode). Keyed by tenant first: every query is
 * scoped to one tenant. Indexes serve the committee's questions without scanning the portfolio.
 */
export const READ_MODEL_DDL = `
CREATE TABLE IF NOT EXISTS organization_state (
  tenant_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  position INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (tenant_id, organization_id)
);
CREATE TABLE IF NOT EXISTS organization_status (
  tenant_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  role TEXT NOT NULL,
  category TEXT NOT NULL,
  criticality TEXT NOT NULL,
  parent_id TEXT,
  inclusion_method TEXT,
  status TEXT NOT NULL,
  flags TEXT NOT NULL,
  reasons TEXT NOT NULL,
  status_since TEXT,
  coverage_end TEXT,
  reach TEXT,
  expires_at TEXT,
  current_report_id TEXT,
  next_reassessment_on TEXT,
  assessed_on TEXT NOT NULL,
  revision INTEGER NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, organization_id)
);
CREATE INDEX IF NOT EXISTS organization_status_by_name ON organization_status (tenant_id, name_key, organization_id);
CREATE INDEX IF NOT EXISTS organization_status_by_status ON organization_status (tenant_id, status, name_key, organization_id);
CREATE INDEX IF NOT EXISTS organization_status_due ON organization_status (next_reassessment_on);
CREATE INDEX IF NOT EXISTS organization_status_expiry ON organization_status (tenant_id, expires_at);
CREATE INDEX IF NOT EXISTS organization_status_parent ON organization_status (tenant_id, parent_id);
CREATE INDEX IF NOT EXISTS organization_status_by_trimmed_name ON organization_status (tenant_id, trim(name_key));
CREATE TABLE IF NOT EXISTS control_exception (
  tenant_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  exception_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  severity TEXT NOT NULL,
  severity_rank INTEGER NOT NULL,
  source TEXT NOT NULL,
  report_id TEXT,
  control_ref TEXT NOT NULL,
  criteria_ref TEXT,
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  management_response TEXT,
  found_on TEXT NOT NULL,
  remediation_owner TEXT,
  remediation_plan TEXT,
  due_date TEXT,
  closed_on TEXT,
  resolution TEXT,
  risk_accepted_by TEXT,
  risk_accepted_on TEXT,
  risk_accepted_until TEXT,
  event_ids TEXT NOT NULL,
  PRIMARY KEY (tenant_id, organization_id, exception_id)
);
CREATE INDEX IF NOT EXISTS control_exception_by_severity ON control_exception (tenant_id, severity_rank, found_on);
CREATE TABLE IF NOT EXISTS carve_out_listing (
  tenant_id TEXT NOT NULL,
  vendor_id TEXT NOT NULL,
  name_key TEXT NOT NULL,
  PRIMARY KEY (tenant_id, vendor_id, name_key)
);
CREATE TABLE IF NOT EXISTS organization_name (
  tenant_id TEXT NOT NULL,
  name_norm TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  PRIMARY KEY (tenant_id, name_norm, organization_id)
);
CREATE TABLE IF NOT EXISTS organization_timeline (
  tenant_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  cursor TEXT NOT NULL,
  points TEXT NOT NULL,
  own_since TEXT,
  PRIMARY KEY (tenant_id, organization_id)
);
CREATE TABLE IF NOT EXISTS organization_event (
  tenant_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  event TEXT NOT NULL,
  PRIMARY KEY (tenant_id, organization_id, revision)
);
CREATE INDEX IF NOT EXISTS carve_out_listing_by_name ON carve_out_listing (tenant_id, name_key);
CREATE TABLE IF NOT EXISTS control_coverage (
  tenant_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  report_id TEXT,
  expected_count INTEGER NOT NULL,
  tested_count INTEGER NOT NULL,
  coverage_ratio REAL NOT NULL,
  missing TEXT NOT NULL,
  covered TEXT NOT NULL,
  unexpected TEXT NOT NULL,
  PRIMARY KEY (tenant_id, organization_id)
);
`;

/** The tables queries read. */
export const READ_MODEL_TABLES = ['organization_state', 'organization_status', 'control_exception', 'control_coverage', 'organization_name'];

/**
 * `carve_out_listing` holds, per vendor, the subservice organization names its current report
 * carves out (trimmed, lower case): the projection's own reverse index, never read by queries,
 * that finds the vendors to re-derive when a subservice organization's status changes
 * (INHERITED, see domain/inherit.ts). It derives from `organization_state` alone.
 */
export const CARVE_OUT_LISTING_TABLE = 'carve_out_listing';

/**
 * `organization_event` (each organization's events, the projection's own copy) and
 * `organization_timeline` (its own timeline as a resumable fold): never read by queries, they
 * give the read model the timeline's `statusSince` (status-since-rows.ts).
 */
export const ORGANIZATION_EVENT_TABLE = 'organization_event';
export const ORGANIZATION_TIMELINE_TABLE = 'organization_timeline';

/** Every table the projection writes, and deletes on a rebuild. */
export const PROJECTION_TABLES = [...READ_MODEL_TABLES, CARVE_OUT_LISTING_TABLE, ORGANIZATION_EVENT_TABLE, ORGANIZATION_TIMELINE_TABLE];
