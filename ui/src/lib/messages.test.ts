import { describe, expect, it } from 'vitest';
import { errorText, problemText, type Translate } from './messages';

const t: Translate = (id, options) => `${id}${options?.values ? JSON.stringify(options.values) : ''}`;

describe('messages', () => {
	it('formats lock times in UTC+5', () => {
		expect(
			errorText(t, { code: 'locked', reason: 'account_locked', message: '', fields: [], params: { until: '2026-03-01T19:30:00Z' } })
		).toBe('error.account_locked{"until":"02.03.2026 00:30"}');
	});
	it('falls back for unknown reasons', () => {
		expect(errorText(t, { code: 'conflict', reason: 'new_thing', message: '', fields: [], params: {} })).toBe(
			'error.unknown{"reason":"new_thing"}'
		);
		expect(errorText(t, { code: 'internal', reason: 'whatever', message: '', fields: [], params: {} })).toBe(
			'error.internal'
		);
	});
	it('maps rules', () => {
		expect(problemText(t, { rule: 'too_long', params: { max: '64' } })).toBe('rule.too_long{"max":"64"}');
		expect(problemText(t, { field: 'x', rule: 'brand_new', params: {} })).toBe('rule.invalid{}');
	});
});
