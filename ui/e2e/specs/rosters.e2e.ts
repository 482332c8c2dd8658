// Facility-guarding rosters in the real window, on its own fresh database (see wdio.conf.ts):
// first-run setup → a district, a company and nine enrolled guards in it prepared with the
// `jasaq` CLI → a facility created in the form with two posts and a 3 x 8 h pattern (a
// zero-length custom shift refused first, naming the row) → the week auto-filled with a progress
// bar → a guard already on the gate offered the perimeter at the same time: refused, the message
// naming the overlap rule → the facility's week printed as a PDF into JASAQ_SAVE_DIR.
// Then the month view: every day of the month shown, auto-filled with the fill count reported.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { $, $$, browser, expect } from '@wdio/globals';
import { ADMIN, byTestId, chooseOption, cli, click, DISTRICT, fill, makeIin, REGION_EN, t, waitForHeading } from '../support';

const REGION = 'KZ-11';
const COMPANY = '1-рота';
const FACILITY = 'Ақкөл қосалқы станциясы';
const SURNAMES = ['Абаев', 'Бекұлы', 'Ғалиев', 'Жанұзақов', 'Ерланов', 'Қайратов', 'Мұратов', 'Нұрланов', 'Серікбаев'];

async function shot(name: string) {
	const dir = process.env.JASAQ_E2E_SHOTS;
	if (dir) await browser.saveScreenshot(path.join(dir, `rosters-${name}.png`));
}

/** The grid cell of row `r` (shift) and column `c` (post). */
const cell = (r: number, c: number) => $(`[data-testid="seat-cell"][data-r="${r}"][data-c="${c}"]`);

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
});
