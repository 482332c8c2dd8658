import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from './bindings';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { app } = await import('./session.svelte');

const session: SessionInfo = {
	user_id: 'u1',
	username: 'chief',
	display_name: 'Chief',
	role: 'national_admin',
	region_id: null,
	district_id: null,
	must_change_password: false,
	idle_timeout_minutes: 15
};

function backend(handlers: Record<string, () => unknown>) {
	invoke.mockImplementation(async (cmd: string) => {
		const h = handlers[cmd];
		if (!h) throw { code: 'internal', reason: 'internal' };
		return h();
	});
}

describe('app start-up', () => {
	beforeEach(() => {
		invoke.mockReset();
	});

	it('shows the database error screen when app_status fails', async () => {
		backend({
			app_status: () => {
				throw { code: 'internal', reason: 'newer_schema', params: { path: '/x/jasaq.db' } };
			}
		});
		await app.start();
		expect(app.phase).toBe('db_error');
		expect(app.startupError?.reason).toBe('newer_schema');
		expect(app.startupError?.params.path).toBe('/x/jasaq.db');
	});

	it('goes to first-run setup when needed', async () => {
		backend({ app_status: () => ({ needs_setup: true }) });
		await app.start();
		expect(app.phase).toBe('setup');
	});

	it('resumes an existing session, or asks to sign in', async () => {
		backend({ app_status: () => ({ needs_setup: false }), current_session: () => session });
		await app.start();
		expect(app.phase).toBe('ready');
		expect(app.session?.username).toBe('chief');

		backend({ app_status: () => ({ needs_setup: false }), current_session: () => null });
		await app.start();
		expect(app.phase).toBe('sign_in');
	});
});

describe('losing the session', () => {
	beforeEach(() => {
		invoke.mockReset();
		backend({ sign_out: () => null });
		app.signedIn(session);
	});

	it('explains an idle sign-out with the timeout', async () => {
		await app.signOutIdle();
		expect(app.phase).toBe('sign_in');
		expect(app.session).toBeNull();
		expect(app.notice).toEqual({ kind: 'expired', minutes: 15 });
		expect(invoke).toHaveBeenCalledWith('sign_out', undefined);
	});

	it('returns to sign-in when the backend says the session expired', () => {
		app.rejected({ code: 'unauthenticated', reason: 'session_expired', message: '', fields: [], params: {} });
		expect(app.phase).toBe('sign_in');
		expect(app.notice).toEqual({ kind: 'expired', minutes: 15 });
	});

	it('returns to sign-in on any other unauthenticated refusal', () => {
		const error = { code: 'unauthenticated' as const, reason: 'not_signed_in', message: '', fields: [], params: {} };
		app.rejected(error);
		expect(app.phase).toBe('sign_in');
		expect(app.notice).toEqual({ kind: 'error', error });
	});

	it('asks for a password change when the backend requires one', () => {
		app.rejected({ code: 'forbidden', reason: 'password_change_required', message: '', fields: [], params: {} });
		expect(app.phase).toBe('ready');
		expect(app.session?.must_change_password).toBe(true);
	});

	it('ignores ordinary refusals', () => {
		app.rejected({ code: 'forbidden', reason: 'role', message: '', fields: [], params: {} });
		expect(app.phase).toBe('ready');
		expect(app.session?.must_change_password).toBe(false);
	});
});
