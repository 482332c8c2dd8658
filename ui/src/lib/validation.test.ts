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

describe('volunteer fields', () => {
	it('checks the IIN like the backend', () => {
		expect(v.iin('061211600012')).toBeNull();
		expect(v.iin('061211600013')?.rule).toBe('iin_check_digit');
		expect(v.iin('06121160001')).toEqual({ rule: 'iin_length', params: { length: '12' } });
		expect(v.iin('0612116000123')?.rule).toBe('iin_length');
		expect(v.iin('06121160001a')?.rule).toBe('iin_digits');
		expect(v.iin('')?.rule).toBe('required');
		expect(v.iinCheckDigit('06121160001')).toBe(2);
	});
	it('checks local dates', () => {
		const parse = (s: string) => (s === '01.01.2000' ? '2000-01-01' : s === '01.01.2100' ? '2100-01-01' : null);
		expect(v.localDate('', parse)).toBeNull();
		expect(v.localDate('', parse, { required: true })?.rule).toBe('required');
		expect(v.localDate('1.1.20', parse)?.rule).toBe('invalid_date');
		expect(v.localDate('01.01.2000', parse, { notAfter: '2026-01-01' })).toBeNull();
		expect(v.localDate('01.01.2100', parse, { notAfter: '2026-01-01', futureRule: 'birth_date_future' })?.rule).toBe(
			'birth_date_future'
		);
	});
	it('accepts Kazakh phones as people write them', () => {
		for (const ok of ['8 701 234 56 78', '+7 (701) 234-56-78', '87012345678', '+77012345678', '7012345678']) {
			expect(v.phone(ok), ok).toBeNull();
		}
		for (const bad of ['+7 916 123 45 67', '8 701 234 56', '+1 202 555 0100', 'phone', '7+7012345678']) {
			expect(v.phone(bad)?.rule, bad).toBe('phone_format');
		}
	});
	it('checks e-mail lightly', () => {
		expect(v.email('')).toBeNull();
		expect(v.email('a@b.kz')).toBeNull();
		expect(v.email('nope')?.rule).toBe('email');
	});
});
