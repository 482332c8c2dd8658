// Facility-guarding rosters in the real window, on its own fresh database (see wdio.conf.ts):
// first-run setup → a district, a company and nine enrolled guards in it prepared with the
// `jasaq` CLI → a facility created in the form with two posts and a 3 x 8 h pattern (a
// zero-length custom shift refused first, naming the row) → the week auto-filled with a progress
// bar → a guard already on the gate offered the perimeter at the same time: refused, the message
// naming the overlap rule → the facility's week printed as a PDF into JASAQ_SAVE_DIR.
// Then the month view: every day of the month shown, auto-filled with the fill count reported.
// Then the settings and views around the grids: the auto-fill's weights published, national and
// then the region's own (a negative one refused by name), the company's roster of guards by days opened from the rosters screen
// (and its keys), a guard's preferred and undesired days saved on the volunteer page and read
// back, a second company's facility added with the CLI and the whole district auto-filled with
// progress, a facility category added, renamed and retired, and the unit's roster in Kazakh.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { $, $$, browser, expect } from '@wdio/globals';
import { ADMIN, byTestId, chooseOption, cli, click, DISTRICT, fill, makeIin, REGION_EN, t, waitForHeading } from '../support';

const REGION = 'KZ-11';
const COMPANY = '1-рота';
const FACILITY = 'Ақкөл қосалқы станциясы';
const COMPANY_2 = '2-рота';
const FACILITY_2 = 'Ақкөл су тартқышы';
const SURNAMES_2 = ['Тоқтаров', 'Уәлиев', 'Хасенов'];
const SURNAMES = ['Абаев', 'Бекұлы', 'Ғалиев', 'Жанұзақов', 'Ерланов', 'Қайратов', 'Мұратов', 'Нұрланов', 'Серікбаев'];

async function shot(name: string) {
	const dir = process.env.JASAQ_E2E_SHOTS;
	if (dir) await browser.saveScreenshot(path.join(dir, `rosters-${name}.png`));
}

/** Clicks the first element matching `selector` whose text is `text` (in the page, by script). */
async function clickText(selector: string, text: string) {
	await browser.waitUntil(
		async () =>
			browser.execute(
				(sel: string, want: string) => {
					const el = Array.from(document.querySelectorAll<HTMLElement>(sel)).find((e) => e.textContent?.trim() === want);
					el?.click();
					return el !== undefined;
				},
				selector,
				text
			),
		{ timeoutMsg: `no ${selector} reading "${text}"` }
	);
}

/** The grid cell of row `r` (shift) and column `c` (post). */
const cell = (r: number, c: number) => $(`[data-testid="seat-cell"][data-r="${r}"][data-c="${c}"]`);

let districtId = '';

describe('Jasaq facility-guarding rosters', () => {
	afterEach(async function () {
		if (this.currentTest?.state === 'failed') await shot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
	});

	it('starts from first-run setup on its own database', async () => {
		await (await byTestId('setup-form')).waitForDisplayed({ timeout: 60_000 });
		await fill('username', ADMIN.username);
		await fill('display-name', ADMIN.name);
		await fill('password', ADMIN.password);
		await fill('password-repeat', ADMIN.password);
		await click('setup-submit');
		await (await byTestId('nav-volunteers')).waitForDisplayed();
		await click('lang-en');
		await browser.waitUntil(async () => (await (await byTestId('nav-rosters')).getText()) === t('en', 'nav.rosters'));
	});

	it('prepares a district, a company and nine guards with the CLI', () => {
		cli('district', 'add', '--region', REGION, '--name-kk', DISTRICT.kk, '--name-ru', DISTRICT.ru, '--name-en', DISTRICT.en);
		const district = (JSON.parse(cli('district', 'list', '--json')) as { id: string }[])[0].id;
		districtId = district;
		const company = (JSON.parse(
			cli('unit', 'add', '--json', '--name', COMPANY, '--kind', 'company', '--agency', 'defence', '--region', REGION, '--district', district, '--direction', 'russia')
		) as { id: string }).id;
		SURNAMES.forEach((surname, i) => {
			const iin = makeIin(`8${i}0515`, 3, 1000 + i * 111);
			const id = (JSON.parse(
				cli('volunteer', 'add', '--json', '--iin', iin, '--surname', surname, '--given-name', 'Арман', '--citizenship', 'KZ',
					'--region', REGION, '--district', district, '--registered-address', 'Ақкөл қ., Абай к-сі, 3', '--phone', '+7 701 000 00 00')
			) as { volunteer: { id: string } }).volunteer.id;
			cli('volunteer', 'enrol', id);
			cli('unit', 'assign', '--volunteer', id, '--unit', company, '--position', 'rifleman', '--start', '2026-01-01');
		});
	});

	it('creates a facility with two posts and a 3 x 8 h pattern, refusing a zero-length shift first', async () => {
		await click('nav-rosters');
		await waitForHeading(t('en', 'rosters.facilities'));
		await click('facility-new');
		await waitForHeading(t('en', 'rosters.new_facility'));
		await fill('facility-name', FACILITY);
		await chooseOption('facility-category', 'Substation');
		await chooseOption('facility-region', REGION_EN);
		await chooseOption('facility-district', DISTRICT.en);
		await fill('facility-address', 'Ақкөл қ., Вокзал к-сі, 1');
		await chooseOption('facility-unit', COMPANY);
		await fill('post-name-0', 'Gate');
		await click('add-post');
		await fill('post-name-1', 'Perimeter');

		await chooseOption('facility-pattern', t('en', 'rosters.pattern_kind.custom'));
		await fill('custom-minutes-0', '0');
		await click('facility-save');
		const errors = await byTestId('facility-errors');
		await errors.waitForDisplayed();
		expect(await errors.getText()).toContain(`${t('en', 'rosters.custom_minutes')} (1): ${t('en', 'rule.shift_length_not_positive')}`);

		await chooseOption('facility-pattern', t('en', 'rosters.pattern_kind.three_eights'));
		await fill('facility-pattern-start', '08:00');
		await shot('form');
		await click('facility-save');
		await waitForHeading(FACILITY);
		await (await byTestId('roster-grid')).waitForDisplayed();
		// 7 days x 3 shifts, two posts each.
		expect(await $$('[data-testid="seat-cell"]').length).toBe(42);
	});

	it('auto-fills the week with a progress bar', async () => {
		await click('roster-fill');
		const report = await byTestId('fill-report');
		await report.waitForDisplayed({ timeout: 60_000 });
		expect(await report.getText()).toContain('seats filled');
		const filled = await browser.execute(
			() => Array.from(document.querySelectorAll('[data-testid="seat-cell"] .name')).length
		);
		expect(filled).toBeGreaterThanOrEqual(40);
		await shot('filled');
	});

	it('refuses a guard two overlapping shifts, naming the rule', async () => {
		// The gate's guard of the first shift…
		const gateName = (await (await (await cell(0, 0)).$('.name')).getText()).replace(/ •$/, '');
		expect(gateName.length).toBeGreaterThan(0);
		// …offered the perimeter at the same time, once its seat is freed.
		await (await cell(0, 1)).click();
		const panel = await byTestId('seat-panel');
		await panel.waitForDisplayed();
		const remove = await byTestId('seat-remove');
		if (await remove.isExisting()) {
			await remove.click();
			await browser.waitUntil(async () => !(await (await byTestId('seat-remove')).isExisting()), { timeoutMsg: 'the seat was not freed' });
		}
		await fill('roster-search', gateName.split(' ')[0]);
		const candidate = await $(`[data-testid="candidate"]`);
		await candidate.waitForDisplayed();
		await browser.waitUntil(async () => (await candidate.getText()).includes(gateName.split(' ')[0]), { timeoutMsg: 'the gate guard is not offered' });
		await (await candidate.$('[data-testid="candidate-assign"]')).click();
		const message = await byTestId('roster-message');
		await message.waitForDisplayed();
		await browser.waitUntil(
			async () => (await message.getText()).includes(t('en', 'error.roster_rule', { rule: t('en', 'rosters.rule.overlap') })),
			{ timeoutMsg: `the refusal does not name the overlap rule: ${await message.getText()}` }
		);
		await shot('refused');
	});

	it("prints the facility's week as a PDF", async () => {
		await click('roster-pdf');
		const message = await byTestId('roster-message');
		await browser.waitUntil(async () => (await message.getText()).includes('Saved to'), { timeoutMsg: 'the PDF was not saved' });
		const dir = process.env.JASAQ_SAVE_DIR ?? '';
		const files = readdirSync(dir).filter((f) => f.startsWith('roster-') && f.endsWith('.pdf'));
		expect(files.length).toBe(1);
		const file = path.join(dir, files[0]);
		expect(existsSync(file)).toBe(true);
		expect(readFileSync(file).subarray(0, 4).toString()).toBe('%PDF');
	});

	it("saves a guard's personal schedule as PDF and iCalendar", async () => {
		await (await cell(0, 0)).click();
		await click('seat-schedule');
		const dir = process.env.JASAQ_SAVE_DIR ?? '';
		const saved = (prefix: string, ext: string) => readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith(ext));
		await browser.waitUntil(async () => saved('schedule-', '.pdf').length === 1, { timeoutMsg: 'the personal schedule was not saved' });
		await click('seat-calendar');
		await browser.waitUntil(async () => saved('shifts-', '.ics').length === 1, { timeoutMsg: 'the calendar was not saved' });
		const ics = readFileSync(path.join(dir, saved('shifts-', '.ics')[0]), 'utf8');
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics).toContain('Gate');
		await shot('personal');
	});

	it('switches to the month and auto-fills it, showing the fill count', async () => {
		await click('span-month');
		const label = await byTestId('week-label');
		await browser.waitUntil(async () => (await label.getText()).includes(t('en', 'rosters.month_from')), { timeoutMsg: 'the month view is not shown' });
		// Every day of the month: 3 shifts x two posts.
		await browser.waitUntil(async () => (await $$('[data-testid="seat-cell"]').length) >= 28 * 6, { timeoutMsg: 'the month grid has too few seats' });
		const seats = await $$('[data-testid="seat-cell"]').length;
		expect(seats % 6).toBe(0);
		await click('roster-fill');
		const report = await byTestId('fill-report');
		await report.waitForDisplayed({ timeout: 120_000 });
		const added = Number(/(\d+) seats filled/.exec(await report.getText())?.[1] ?? 'NaN');
		// The seats of the week filled before stay; the rest of the month is filled around them.
		expect(added).toBeGreaterThan(0);
		const filled = await browser.execute(() => document.querySelectorAll('[data-testid="seat-cell"] .name').length);
		expect(filled).toBeGreaterThanOrEqual(added);
		await shot('month-filled');
		await click('span-week');
		await browser.waitUntil(async () => (await $$('[data-testid="seat-cell"]').length) === 42, { timeoutMsg: 'the week view is not back' });
	});

	it("publishes a region's limits, refusing zero hours a week by name", async () => {
		await click('nav-rosters');
		await waitForHeading(t('en', 'rosters.facilities'));
		await chooseOption('limits-region', REGION_EN);
		await (await byTestId('limits-versions')).waitForDisplayed();
		await fill('limits-hours', '0');
		await click('limits-publish');
		const error = await byTestId('limits-error');
		await error.waitForDisplayed();
		expect(await error.getText()).toContain(t('en', 'rosters.limits.field.max_hours_7d'));
		await fill('limits-hours', '40');
		await click('limits-publish');
		await browser.waitUntil(async () => (await (await byTestId('limits-versions')).getText()).includes('40'), {
			timeoutMsg: 'the new version is not listed'
		});
		await shot('limits');
	});

	it('publishes new auto-fill weights, refusing a negative one by name', async () => {
		const panel = await byTestId('weights-panel');
		await panel.waitForDisplayed();
		const rows = async () => (await $$('[data-testid="weights-versions"] tbody tr').length) as number;
		await browser.waitUntil(async () => (await rows()) === 1, { timeoutMsg: 'the defaults are not listed alone' });
		await fill('weight-fairness', '-1');
		await click('weights-publish');
		const error = await byTestId('weights-error');
		await error.waitForDisplayed();
		expect(await error.getText()).toContain(t('en', 'rosters.weights.field.fairness'));
		await fill('weight-fairness', '4.5');
		await fill('weight-undesired_day', '35');
		await click('weights-publish');
		await (await byTestId('weights-published')).waitForDisplayed();
		await browser.waitUntil(async () => (await rows()) === 2, { timeoutMsg: 'the new version is not listed' });
		const head = await (await $('[data-testid="weights-versions"] tbody tr')).getText();
		expect(head).toContain('4.5');
		expect(head).toContain('35');
		expect(head).toContain(t('en', 'rosters.weights.national'));
		// The region's own version, listed above the national one it overrides.
		await chooseOption('weights-region', REGION_EN);
		await browser.waitUntil(async () => (await rows()) === 2, { timeoutMsg: "the region's list is not shown" });
		await fill('weight-fairness', '6');
		await click('weights-publish');
		await browser.waitUntil(async () => (await rows()) === 3, { timeoutMsg: "the region's version is not listed" });
		const regional = await (await $('[data-testid="weights-versions"] tbody tr')).getText();
		expect(regional).toContain(REGION_EN);
		expect(regional).toContain('6');
		await shot('weights');
	});

	it("opens the company's roster: its guards by days, with the shifts filled before", async () => {
		await chooseOption('unit-calendar', COMPANY);
		await click('unit-calendar-open');
		await waitForHeading(t('en', 'rosters.unit_grid.title', { unit: COMPANY }));
		const grid = await byTestId('unit-roster-grid');
		await grid.waitForDisplayed();
		await browser.waitUntil(async () => (await $$('[data-testid="unit-roster-row"]').length) === SURNAMES.length, {
			timeoutMsg: 'not every guard of the company is a row'
		});
		// The week shown is this week, which the facility's fills covered.
		const counts = await browser.execute(() => ({
			shifts: document.querySelectorAll('[data-testid="unit-roster-shift"]').length,
			hours: Array.from(document.querySelectorAll('[data-testid="unit-roster-hours"]')).reduce((n, el) => n + Number(el.textContent), 0),
			days: document.querySelectorAll('[data-testid="unit-roster-grid"] thead th.day').length
		}));
		expect(counts.days).toBe(7);
		expect(counts.shifts).toBeGreaterThan(0);
		expect(counts.hours).toBeGreaterThanOrEqual(counts.shifts * 8);
		expect(await (await byTestId('unit-roster-facility')).getText()).toBe(FACILITY);
		// Arrow keys walk the cells.
		await browser.execute(() => document.querySelector<HTMLElement>('td[data-r="0"][data-c="0"]')?.focus());
		await browser.keys('ArrowRight');
		await browser.keys('ArrowDown');
		const at = await browser.execute(() => [document.activeElement?.getAttribute('data-r'), document.activeElement?.getAttribute('data-c')]);
		expect(at).toEqual(['1', '1']);
		await click('span-month');
		await browser.waitUntil(async () => (await $$('[data-testid="unit-roster-grid"] thead th.day').length) >= 28, {
			timeoutMsg: 'the month is not shown'
		});
		await shot('unit-month');
		await click('span-week');
		await browser.waitUntil(async () => (await $$('[data-testid="unit-roster-grid"] thead th.day').length) === 7, {
			timeoutMsg: 'the week is not back'
		});
		await shot('unit-week');
		// The same roster is reached from the unit's own page.
		await clickText('a', t('en', 'rosters.unit_grid.open_unit'));
		await waitForHeading(COMPANY);
		await click('unit-roster-link');
		await waitForHeading(t('en', 'rosters.unit_grid.title', { unit: COMPANY }));
		await browser.waitUntil(async () => (await $$('[data-testid="unit-roster-row"]').length) === SURNAMES.length, {
			timeoutMsg: "the unit page's link does not open the roster"
		});
	});

	it("saves a guard's preferred and undesired days on the volunteer page", async () => {
		const guard = await $('[data-testid="unit-roster-row"] th a');
		const name = await guard.getText();
		await guard.click();
		const prefs = await byTestId('day-prefs');
		await prefs.waitForDisplayed();
		await chooseOption('day-pref-0', t('en', 'rosters.days.preferred'));
		await chooseOption('day-pref-5', t('en', 'rosters.days.undesired'));
		await chooseOption('day-pref-6', t('en', 'rosters.days.undesired'));
		await click('day-prefs-save');
		await (await byTestId('day-prefs-saved')).waitForDisplayed();
		await prefs.scrollIntoView();
		await shot('day-preferences');
		// Read back from the core: away to the unit's roster and to the guard again.
		await browser.back();
		await waitForHeading(t('en', 'rosters.unit_grid.title', { unit: COMPANY }));
		await clickText('[data-testid="unit-roster-row"] th a', name);
		await (await byTestId('day-prefs')).waitForDisplayed();
		await browser.waitUntil(async () => (await (await $('#day-pref-0')).getValue()) === 'preferred', {
			timeoutMsg: 'Monday is not read back as preferred'
		});
		expect(await (await $('#day-pref-5')).getValue()).toBe('undesired');
		expect(await (await $('#day-pref-6')).getValue()).toBe('undesired');
		expect(await (await $('#day-pref-2')).getValue()).toBe('none');
	});

	it('auto-fills every facility of the district with progress', async () => {
		const company2 = (JSON.parse(
			cli('unit', 'add', '--json', '--name', COMPANY_2, '--kind', 'company', '--agency', 'defence', '--region', REGION, '--district', districtId, '--direction', 'russia')
		) as { id: string }).id;
		SURNAMES_2.forEach((surname, i) => {
			const iin = makeIin(`9${i}0612`, 3, 2000 + i * 97);
			const id = (JSON.parse(
				cli('volunteer', 'add', '--json', '--iin', iin, '--surname', surname, '--given-name', 'Ержан', '--citizenship', 'KZ',
					'--region', REGION, '--district', districtId, '--registered-address', 'Ақкөл қ., Сейфуллин к-сі, 5', '--phone', '+7 702 000 00 00')
			) as { volunteer: { id: string } }).volunteer.id;
			cli('volunteer', 'enrol', id);
			cli('unit', 'assign', '--volunteer', id, '--unit', company2, '--position', 'rifleman', '--start', '2026-01-01');
		});
		cli('facility', 'add', '--name', FACILITY_2, '--category', 'water_supply', '--region', REGION, '--district', districtId,
			'--address', 'Ақкөл қ., Су к-сі, 2', '--unit', company2, '--pattern', 'three_eights', '--start', '08:00', '--post', 'Қақпа:1');

		await click('nav-rosters');
		await waitForHeading(t('en', 'rosters.facilities'));
		await browser.waitUntil(async () => (await $$('[data-testid="facility-link"]').length) === 2, { timeoutMsg: 'the second facility is not listed' });
		await clickText('[data-testid="facility-link"]', FACILITY);
		await waitForHeading(FACILITY);
		await (await byTestId('roster-grid')).waitForDisplayed();
		await chooseOption('fill-scope', t('en', 'rosters.scope_district'));
		await click('roster-fill');
		const report = await byTestId('fill-report');
		await report.waitForDisplayed({ timeout: 120_000 });
		const text = await report.getText();
		expect(text).toContain(t('en', 'rosters.filled_facilities', { count: '2' }).trim());
		expect(Number(/(\d+) seats filled/.exec(text)?.[1] ?? 'NaN')).toBeGreaterThan(0);
		expect(Number(await report.getAttribute('data-progress'))).toBeGreaterThan(0);
		await shot('district-filled');

		// The second company's facility got its seats from the district's fill.
		await click('nav-rosters');
		await clickText('[data-testid="facility-link"]', FACILITY_2);
		await waitForHeading(FACILITY_2);
		await browser.waitUntil(async () => (await $$('[data-testid="seat-cell"] .name').length) > 0, {
			timeoutMsg: "the district's fill left the second facility empty"
		});
	});

	it('adds, renames and retires a facility category', async () => {
		await click('nav-rosters');
		await click('categories-link');
		await waitForHeading(t('en', 'rosters.categories.title'));
		await browser.waitUntil(async () => (await $$('[data-testid="category-row"]').length) === 13, { timeoutMsg: 'the shipped list is not shown' });
		await fill('category-code', 'Dam!');
		await fill('category-name-kk', 'Бөгет');
		await fill('category-name-ru', 'Плотина');
		await fill('category-name-en', 'Dam');
		await click('category-save');
		const error = await byTestId('category-error');
		await error.waitForDisplayed();
		expect(await error.getText()).toContain(t('en', 'rosters.categories.code'));
		await fill('category-code', 'dam');
		await click('category-save');
		await browser.waitUntil(async () => (await $$('[data-testid="category-row"]').length) === 14, { timeoutMsg: 'the new category is not listed' });
		const row = () => $('[data-testid="category-row"][data-code="dam"]');
		await (await (await row()).$('[data-testid="category-edit"]')).click();
		await fill('category-name-en', 'Dam or reservoir');
		await click('category-save');
		await browser.waitUntil(async () => (await (await row()).getText()).includes('Dam or reservoir'), { timeoutMsg: 'the rename is not shown' });
		await (await (await row()).$('[data-testid="category-retire"]')).click();
		await browser.waitUntil(async () => (await (await row()).getText()).includes(t('en', 'rosters.categories.retired')), {
			timeoutMsg: 'the category is not shown retired'
		});
		await shot('categories');
	});

	it("shows the company's roster in Kazakh", async () => {
		await click('lang-kk');
		await click('nav-rosters');
		await waitForHeading(t('kk', 'rosters.facilities'));
		await chooseOption('unit-calendar', COMPANY);
		await click('unit-calendar-open');
		await waitForHeading(t('kk', 'rosters.unit_grid.title', { unit: COMPANY }));
		await browser.waitUntil(async () => (await $$('[data-testid="unit-roster-row"]').length) === SURNAMES.length, {
			timeoutMsg: 'the rows are not shown'
		});
		const head = await (await $('[data-testid="unit-roster-grid"] thead')).getText();
		expect(head).toContain(t('kk', 'rosters.unit_grid.guard'));
		expect(head).toContain(t('kk', 'rosters.days.short.0'));
		await shot('unit-week-kk');
		await click('lang-en');
	});
});
