// The spreadsheet import in the real window, on its own fresh database (see wdio.conf.ts):
// first-run setup → a district in Akmola → choose a CSV of five volunteers, two of them bad (a
// wrong IIN check digit and a stateless person) → the mapping and the preview → all-or-nothing
// writes nothing and lists the two rows by row and column → valid rows only imports three →
// the error report is saved → the three are in the volunteer list → a long file (80,000 rows,
// the bulk path) shows its progress and is cancelled mid-way, and the list still holds three.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { $, $$, browser, expect } from '@wdio/globals';
import { ADMIN, byTestId, chooseOption, click, DISTRICT, fill, makeIin, REGION_EN, t, waitForHeading, wrongCheck } from '../support';

const GOOD = [
	{ iin: makeIin('900515', 3, 1234), surname: 'Әлиханов', birth: '15.05.1990' },
	{ iin: makeIin('850320', 4, 4321), surname: 'Петрова', birth: '20.03.1985' },
	{ iin: makeIin('950101', 3, 2222), surname: 'Қасымов', birth: '01.01.1995' }
];
const BAD_IIN = wrongCheck(makeIin('880808', 3, 3333));
const STATELESS = makeIin('870707', 3, 5555);

function csv(): string {
	const line = (iin: string, surname: string, birth: string, citizenship: string) =>
		`${iin};${surname};Ерлан;${birth};${citizenship};Ақмола облысы;${DISTRICT.ru};Ақкөл қ., Абай к-сі, 12;+7 701 234 56 78`;
	return [
		'ИИН;Фамилия;Имя;Дата рождения;Гражданство;Область;Район;Адрес;Телефон',
		line(GOOD[0].iin, GOOD[0].surname, GOOD[0].birth, 'KZ'),
		line(BAD_IIN, 'Қате', '08.08.1988', 'KZ'),
		line(GOOD[1].iin, GOOD[1].surname, GOOD[1].birth, 'Казахстан'),
		line(STATELESS, 'Жоқ', '07.07.1987', 'без гражданства'),
		line(GOOD[2].iin, GOOD[2].surname, GOOD[2].birth, 'KZ')
	].join('\r\n');
}

/** A file of `count` distinct, valid volunteers: long enough to cancel while it runs. */
function longCsv(count: number): string {
	const lines = ['ИИН;Фамилия;Имя;Дата рождения;Гражданство;Область;Район;Адрес;Телефон'];
	const start = Date.UTC(1970, 0, 1);
	for (let i = 0; i < count; i++) {
		const born = new Date(start + (i % 10_000) * 86_400_000);
		const [y, m, d] = [born.getUTCFullYear(), born.getUTCMonth() + 1, born.getUTCDate()].map((n) => String(n).padStart(2, '0'));
		// One window of 100 serials per pass over the dates: no two rows share an IIN.
		const iin = makeIin(`${y.slice(2)}${m}${d}`, 3, 10 + Math.floor(i / 10_000) * 100);
		lines.push(`${iin};Ұзақов;Ерлан;${d}.${m}.${y};KZ;Ақмола облысы;${DISTRICT.ru};Ақкөл қ., Абай к-сі, 12;+7 701 234 56 78`);
	}
	return lines.join('\r\n');
}

async function texts(selector: string): Promise<string[]> {
	const out: string[] = [];
	for (const el of await $$(selector)) out.push(await el.getText());
	return out;
}

describe('Jasaq volunteer import', () => {
	it('starts from first-run setup with a district in Akmola', async () => {
		await (await byTestId('setup-form')).waitForDisplayed({ timeout: 60_000 });
		await fill('username', ADMIN.username);
		await fill('display-name', ADMIN.name);
		await fill('password', ADMIN.password);
		await fill('password-repeat', ADMIN.password);
		await click('setup-submit');
		await (await byTestId('nav-volunteers')).waitForDisplayed();
		await click('lang-en');
		await browser.waitUntil(async () => (await (await byTestId('nav-volunteers')).getText()) === t('en', 'nav.volunteers'));
		await click('nav-admin-districts');
		await waitForHeading(t('en', 'districts.title'));
		await chooseOption('region', REGION_EN);
		await (await byTestId('district-list')).waitForDisplayed();
		await fill('name-kk', DISTRICT.kk);
		await fill('name-ru', DISTRICT.ru);
		await fill('name-en', DISTRICT.en);
		await click('district-add-submit');
		await browser.waitUntil(async () => (await (await byTestId('district-list')).getText()).includes(DISTRICT.en));
	});

	it('chooses a file and shows the mapping and the preview of each row', async () => {
		const dir = process.env.JASAQ_OPEN_DIR;
		if (!dir) throw new Error('JASAQ_OPEN_DIR is not set (wdio.conf.ts)');
		writeFileSync(path.join(dir, 'volunteers.csv'), csv());
		await click('nav-volunteers');
		await click('volunteer-import');
		await waitForHeading(t('en', 'vimport.title'));
		await click('import-choose');
		await (await byTestId('import-mapping')).waitForDisplayed();
		expect(await (await byTestId('import-file')).getText()).toBe('volunteers.csv');
		const maps = await $$('[data-testid="import-map"]');
		const values: string[] = [];
		for (const m of maps) values.push(await m.getValue());
		expect(values).toEqual(['iin', 'surname', 'given_name', 'birth_date', 'citizenship', 'region_id', 'district_id', 'registered_address', 'phone']);
		const rows = await texts('[data-testid="import-preview-row"]');
		expect(rows.length).toBe(5);
		expect(rows[1]).toContain(t('en', 'vimport.outcome.refused'));
		expect(rows[1]).toContain(t('en', 'rule.iin_check_digit'));
		expect(rows[3]).toContain(t('en', 'rule.citizenship_stateless'));
		expect(rows[0]).toContain(t('en', 'vimport.outcome.create'));
	});

	it('all or nothing: nothing is imported and the two bad rows are listed by row and column', async () => {
		await click('import-mode-all');
		await click('import-run');
		await (await byTestId('import-result')).waitForDisplayed();
		expect(await (await $('h2#import-result')).getText()).toBe(t('en', 'vimport.not_done'));
		const errors = await texts('[data-testid="import-error"]');
		// Each line: row, column (letter and header), problem. The bad IIN's row also lacks a
		// sex (the form takes it from a valid IIN), so it has two lines.
		const rows = [...new Set(await texts('[data-testid="import-error-row"]'))];
		expect(rows).toEqual(['3', '5']);
		expect(errors.some((e) => e.startsWith('3') && e.includes('A · ИИН') && e.includes(t('en', 'rule.iin_check_digit')))).toBe(true);
		expect(errors.some((e) => e.startsWith('5') && e.includes(t('en', 'rule.citizenship_stateless')))).toBe(true);
		if (process.env.JASAQ_E2E_SCREENSHOT) await browser.saveScreenshot(process.env.JASAQ_E2E_SCREENSHOT);
	});

	it('valid rows only: three are imported and the error report is saved', async () => {
		await click('import-mode-valid');
		await click('import-run');
		await browser.waitUntil(async () => (await (await byTestId('import-summary')).getText()).includes('3 created'), {
			timeoutMsg: 'the import did not report three created'
		});
		expect(await (await $('h2#import-result')).getText()).toBe(t('en', 'vimport.done'));
		const refused = new Set(await texts('[data-testid="import-error-row"]'));
		expect([...refused]).toEqual(['3', '5']);
		await click('import-save-xlsx');
		const saveDir = process.env.JASAQ_SAVE_DIR ?? '';
		await browser.waitUntil(() => existsSync(path.join(saveDir, 'volunteers-errors.xlsx')), {
			timeoutMsg: `no error report in ${saveDir}: ${readdirSync(saveDir).join(', ')}`
		});
	});

	it('lists the imported volunteers', async () => {
		await click('import-to-list');
		await waitForHeading(t('en', 'volunteers.title'));
		await browser.waitUntil(
			async () => {
				const rows = await texts('[data-testid="volunteer-row"]');
				return rows.length === 3 && GOOD.every((g) => rows.some((r) => r.includes(g.surname)));
			},
			{ timeoutMsg: 'the three imported volunteers are not listed' }
		);
	});

	it('a long import shows its progress and is cancelled, writing nothing', async () => {
		const dir = process.env.JASAQ_OPEN_DIR ?? '';
		writeFileSync(path.join(dir, 'long.csv'), longCsv(80_000));
		await click('volunteer-import');
		await waitForHeading(t('en', 'vimport.title'));
		await click('import-choose');
		await browser.waitUntil(async () => (await (await byTestId('import-file')).getText()) === 'long.csv', {
			timeoutMsg: 'the long file was not opened'
		});
		await click('import-mode-valid');
		await click('import-run');
		const progress = await byTestId('import-progress');
		await progress.waitForDisplayed();
		// "N rows, R rows/s, T s left" once the first report is in.
		await browser.waitUntil(async () => Number((await progress.getText()).match(/(\d+) rows/)?.[1] ?? 0) > 0, {
			timeoutMsg: 'no progress was reported'
		});
		await click('import-cancel');
		await browser.waitUntil(async () => (await (await byTestId('import-error-alert')).getText()).includes(t('en', 'error.import_cancelled')), {
			timeout: 60_000,
			timeoutMsg: 'the import was not reported cancelled'
		});
		expect(await (await byTestId('import-progress')).isExisting()).toBe(false);
		await click('nav-volunteers');
		await waitForHeading(t('en', 'volunteers.title'));
		await browser.waitUntil(async () => (await texts('[data-testid="volunteer-row"]')).length === 3, {
			timeoutMsg: 'the cancelled import changed the list'
		});
		expect((await texts('[data-testid="volunteer-row"]')).some((r) => r.includes('Ұзақов'))).toBe(false);
	});
});
