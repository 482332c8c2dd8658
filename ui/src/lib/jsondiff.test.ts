import { describe, expect, it } from 'vitest';
import { jsonDiff } from './jsondiff';

describe('jsonDiff', () => {
	it('lists changed, added and removed keys', () => {
		const d = jsonDiff('{"name":"A","active":true,"x":1}', '{"name":"B","active":true,"y":2}');
		expect(d.parsed).toBe(true);
		expect(d.lines).toEqual([
			{ kind: 'changed', path: 'name', before: '"A"', after: '"B"' },
			{ kind: 'removed', path: 'x', before: '1' },
			{ kind: 'added', path: 'y', after: '2' }
		]);
	});
	it('treats a missing side as creation or deletion', () => {
		expect(jsonDiff(null, '{"a":1,"b":null}').lines).toEqual([
			{ kind: 'added', path: 'a', after: '1' },
			{ kind: 'added', path: 'b', after: 'null' }
		]);
		expect(jsonDiff('{"a":1}', null).lines).toEqual([{ kind: 'removed', path: 'a', before: '1' }]);
	});
	it('descends into nested objects', () => {
		expect(jsonDiff('{"s":{"r":"a"}}', '{"s":{"r":"b"}}').lines).toEqual([
			{ kind: 'changed', path: 's.r', before: '"a"', after: '"b"' }
		]);
	});
	it('keeps raw text when it is not JSON', () => {
		const d = jsonDiff('not json', '{}');
		expect(d.parsed).toBe(false);
		expect(d.rawBefore).toBe('not json');
	});
	it('is empty for two nulls', () => {
		expect(jsonDiff(null, null).lines).toEqual([]);
	});
});
