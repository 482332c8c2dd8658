import { describe, expect, it } from 'vitest';
import { lineProblem, linesOf, positionOfError, totalOf } from './establishment';

describe('establishment editor', () => {
	it('accepts empty as zero and whole numbers up to 5000', () => {
		expect(lineProblem('')).toBeNull();
		expect(lineProblem('12')).toBeNull();
		expect(lineProblem('1 000'), 'a space as thousands separator is fine').toBeNull();
		expect(lineProblem('-1')?.rule, 'a negative number is refused').toBe('out_of_range');
		expect(lineProblem('5001')?.rule, 'an absurd number is refused').toBe('out_of_range');
		expect(lineProblem('2.5')?.rule).toBe('out_of_range');
	});

	it('sends only positive lines, in order', () => {
		const drafts = [
			{ position: 'rifleman', text: '9' },
			{ position: 'medic', text: '' },
			{ position: 'driver', text: '0' },
			{ position: 'commander', text: '1' }
		];
		expect(linesOf(drafts)).toEqual([
			{ position: 'rifleman', authorised: 9 },
			{ position: 'commander', authorised: 1 }
		]);
		expect(totalOf(drafts)).toBe(10);
	});

	it('puts a core line error back on its position', () => {
		const sent = [{ position: 'rifleman' }, { position: 'medic' }];
		expect(positionOfError({ field: 'lines[1].authorised', rule: 'out_of_range', params: {} }, sent)).toBe('medic');
		expect(positionOfError({ field: 'lines.0.position', rule: 'unknown_position', params: {} }, sent)).toBe('rifleman');
		expect(positionOfError({ field: 'lines', rule: 'duplicate_position', params: { position: 'driver' } }, sent)).toBe('driver');
		expect(positionOfError({ field: 'lines', rule: 'establishment_too_large', params: { max: '20000' } }, sent), 'a whole-table error has no line').toBeNull();
	});
});
