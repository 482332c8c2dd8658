// Generated from the Rust DTOs by tests/bindings.rs (`make bindings`). Do not edit.

export type ErrorCode = "validation" | "not_found" | "conflict" | "forbidden" | "unauthenticated" | "locked" | "internal";

export type FieldError = { field: string, rule: string, params: { [key in string]: string }, };

export type AppError = { code: ErrorCode, 
/**
 * Stable key for the UI's catalogue, e.g. `account_locked`, `out_of_scope`.
 */
reason: string, 
/**
 * English text for the CLI and logs.
 */
message: string, fields: Array<FieldError>, params: { [key in string]: string }, };

export type Role = "national_admin" | "regional_admin" | "district_operator" | "viewer";

export type AppStatus = { needs_setup: boolean, };

export type SessionInfo = { user_id: string, username: string, display_name: string, role: Role, region_id: string | null, district_id: string | null, must_change_password: boolean, idle_timeout_minutes: number, };

export type RegionKind = "oblast" | "city";

export type Region = { id: string, kind: RegionKind, name_kk: string, name_ru: string, name_en: string, };

export type District = { id: string, region_id: string, name_kk: string, name_ru: string, name_en: string | null, retired_at: string | null, created_at: string, };

export type UserView = { id: string, username: string, display_name: string, role: Role, region_id: string | null, district_id: string | null, active: boolean, must_change_password: boolean, 
/**
 * Set while sign-in is locked after repeated failures.
 */
locked_until: string | null, created_at: string, };

export type SetupInput = { username: string, display_name: string, password: string, };

export type SignInInput = { username: string, password: string, };

export type NewUser = { username: string, display_name: string, role: Role, region_id: string | null, district_id: string | null, 
/**
 * A temporary password: the user must change it at first sign-in.
 */
password: string, };

export type ChangePasswordInput = { current_password: string, new_password: string, };

export type ResetPasswordInput = { user_id: string, new_password: string, };

export type IdInput = { id: string, };

export type ListDistrictsInput = { region_id: string | null, include_retired: boolean, };

export type NewDistrict = { region_id: string, name_kk: string, name_ru: string, name_en: string | null, };

export type RenameDistrict = { id: string, name_kk: string, name_ru: string, name_en: string | null, };

export type AuditFilter = { action: string | null, entity_kind: string | null, 
/**
 * Username of the actor (exact, case-insensitive).
 */
actor: string | null, 
/**
 * Local (UTC+5) dates `yyyy-mm-dd`, inclusive.
 */
from: string | null, to: string | null, before_seq: number | null, limit: number, };

export type AuditEntry = { seq: number, id: string, at: string, actor_username: string | null, action: string, entity_kind: string, entity_id: string | null, region_id: string | null, district_id: string | null, before: string | null, after: string | null, };

export type AuditPage = { entries: Array<AuditEntry>, next_before_seq: number | null, };

export type Settings = { idle_timeout_minutes: number, };
