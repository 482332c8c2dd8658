import { describe, expect, it } from 'vitest';
import { ageBars, fillBars, fillPercent, fillText, percentText, strengthBars } from './charts';

describe('readiness chart data', () => {
	it('rounds the fill percentage and has none without establishment', () => {
		expect(fillPercent(2, 3), '2 of 3 is 67 %').toBe(67);
		expect(fillPercent(0, 10)).toBe(0);
		expect(fillPercent(12, 10), 'overstrength shows above 100').toBe(120);
		expect(fillPercent(3, 0), 'no establishment: no percentage, not Infinity').toBeNull();
		expect(fillText(1, 4)).toBe('25 %');
		expect(fillText(1, 0)).toBe('—');
	});

	it('draws authorised and assigned side by side', () => {
		const { labels, series } = strengthBars(
			[
				{ label: 'Rifleman', authorised: 10, assigned: 7 },
				{ label: 'Medic', authorised: 2, assigned: 0 }
			],
			{ authorised: 'Authorised', assigned: 'Assigned' }
		);
		expect(labels).toEqual(['Rifleman', 'Medic']);
		expect(series.map((s) => s.data), 'one series per figure, in row order').toEqual([
			[10, 2],
			[7, 0]
		]);
	});

	it('caps fill bars and leaves out rows without establishment, keeping their index', () => {
		const { labels, series, picked } = fillBars(
			[
				{ label: 'A', authorised: 0, fill_percent: 0 },
				{ label: 'B', authorised: 10, fill_percent: 150 },
				{ label: 'C', authorised: 4, fill_percent: 25 }
			],
			'Fill'
		);
		expect(labels, 'a unit with nothing authorised has no fill bar').toEqual(['B', 'C']);
		expect(series[0].data, 'an overstrength unit is drawn at the cap').toEqual([100, 25]);
		expect(picked, 'a click on bar 0 opens row 1').toEqual([1, 2]);
	});

	it("writes percentages the reader's way", () => {
		expect(percentText(85.5, 'ru')).toBe('85,5 %');
		expect(percentText(85.5, 'en')).toBe('85.5 %');
		expect(percentText(100, 'kk')).toBe('100 %');
	});

	it('labels age bands', () => {
		const { labels, series } = ageBars(
			[
				{ band: '18-24', count: 3 },
				{ band: '55+', count: 1 }
			],
			'People'
		);
		expect(labels).toEqual(['18–24', '55+']);
		expect(series[0].data).toEqual([3, 1]);
	});
});
