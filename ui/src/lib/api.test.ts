import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { api, ApiError, onRejected, onUnauthenticated, toAppError } = await import('./api');

describe('toAppError', () => {
	it('keeps a well-formed AppError', () => {
		const e = {
			code: 'validation',
			reason: 'invalid',
			message: 'bad',
			fields: [{ field: 'username', rule: 'too_long', params: { max: '64' } }],
			params: {}
		};
		expect(toAppError(e)).toEqual(e);
	});
	it('fills in missing parts', () => {
		expect(toAppError({ code: 'locked', reason: 'account_locked', params: { until: 'x' } })).toEqual({
			code: 'locked',
			reason: 'account_locked',
			message: '',
			fields: [],
			params: { until: 'x' }
		});
	});
	it('parses JSON text', () => {
		expect(toAppError('{"code":"forbidden","reason":"role"}').reason).toBe('role');
	});
	it('turns anything else into internal', () => {
		for (const raw of ['boom', new Error('boom'), 42, null, { code: 'weird', reason: 'x' }]) {
			const e = toAppError(raw);
			expect(e.code).toBe('internal');
			expect(e.reason).toBe('internal');
		}
	});
});

describe('api', () => {
	beforeEach(() => {
		invoke.mockReset();
	});

	it('passes input as the single `input` argument', async () => {
		invoke.mockResolvedValue({ needs_setup: true });
		await api.signIn({ username: 'a', password: 'b' });
		expect(invoke).toHaveBeenCalledWith('sign_in', { input: { username: 'a', password: 'b' } });
		await api.appStatus();
		expect(invoke).toHaveBeenLastCalledWith('app_status', undefined);
	});

	it('throws ApiError and notifies on unauthenticated', async () => {
		const seen: string[] = [];
		const off = onUnauthenticated((e, cmd) => seen.push(`${cmd}:${e.reason}`));
		invoke.mockRejectedValue({ code: 'unauthenticated', reason: 'session_expired', message: '', fields: [], params: {} });
		await expect(api.listUsers()).rejects.toBeInstanceOf(ApiError);
		expect(seen).toEqual(['list_users:session_expired']);
		off();
		invoke.mockImplementation(() => Promise.reject('plain failure'));
		let err: unknown;
		try {
			await api.listUsers();
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(ApiError);
		expect((err as InstanceType<typeof ApiError>).error.code).toBe('internal');
		expect(seen).toHaveLength(1);
	});
});

describe('onRejected', () => {
	it('sees every rejection with its command', async () => {
		const seen: string[] = [];
		const off = onRejected((e, cmd) => seen.push(`${cmd}:${e.code}/${e.reason}`));
		invoke.mockImplementation(() => Promise.reject({ code: 'forbidden', reason: 'role' }));
		await api.listUsers().catch(() => undefined);
		off();
		await api.listUsers().catch(() => undefined);
		expect(seen).toEqual(['list_users:forbidden/role']);
	});
});
