import { describe, expect, it } from 'vitest';
import * as v from './validation';

describe('validation', () => {
	it('requires values', () => {
		expect(v.required('')?.rule).toBe('required');
		expect(v.required('  ')?.rule).toBe('required');
		expect(v.required('x')).toBeNull();
	});
	it('checks username format for new accounts', () => {
		expect(v.newUsername('op.akmola')).toBeNull();
		expect(v.newUsername('a_b-c.9')).toBeNull();
		expect(v.newUsername('ab')?.rule).toBe('username_format');
		expect(v.newUsername('Chief')?.rule).toBe('username_format');
		expect(v.newUsername('x'.repeat(65))).toEqual({ rule: 'too_long', params: { max: '64' } });
		expect(v.newUsername('')?.rule).toBe('required');
	});
	it('checks sign-in usernames only for presence and length', () => {
		expect(v.signInUsername('Chief')).toBeNull();
		expect(v.signInUsername('')?.rule).toBe('required');
	});
	it('checks names', () => {
		expect(v.name('Ақкөл ауданы')).toBeNull();
		expect(v.name('')?.rule).toBe('required');
		expect(v.name('', false)).toBeNull();
		expect(v.name('я'.repeat(201))).toEqual({ rule: 'too_long', params: { max: '200' } });
	});
	it('checks new passwords', () => {
		expect(v.newPassword('', 'chief')?.rule).toBe('required');
		expect(v.newPassword('short', 'chief')).toEqual({
			rule: 'password_too_short',
			params: { min: '12' }
		});
		expect(v.newPassword('chief.officer', 'Chief.Officer')?.rule).toBe('password_equals_username');
		expect(v.newPassword('Steppe-Eagle-2026', 'chief')).toBeNull();
	});
	it('checks the repeated password', () => {
		expect(v.repeat('abc', '')?.rule).toBe('required');
		expect(v.repeat('abc', 'abd')?.rule).toBe('repeat_mismatch');
		expect(v.repeat('abc', 'abc')).toBeNull();
	});
	it('checks integer ranges', () => {
		expect(v.intInRange('15', 1, 480)).toBeNull();
		expect(v.intInRange('0', 1, 480)).toEqual({
			rule: 'out_of_range',
			params: { min: '1', max: '480' }
		});
		expect(v.intInRange('1.5', 1, 480)?.rule).toBe('out_of_range');
		expect(v.intInRange('', 1, 480)?.rule).toBe('required');
	});
	it('collects problems', () => {
		expect(v.collect({ a: null, b: v.required('') })).toEqual({ b: { rule: 'required', params: {} } });
	});
});
