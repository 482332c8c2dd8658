// Units, assignments and readiness in the real window, on its own fresh database (see
// wdio.conf.ts): first-run setup → a district and four volunteers prepared with the `jasaq` CLI
// (two enrolled citizens, one enrolled man who then becomes too old under newly published
// rules, and a stateless applicant) → a brigade created in the Akmola region → a company under
// it → its establishment set (a negative number refused next to its line) → readiness shows
// 4 authorised, nobody assigned → two volunteers assigned → one transferred to the brigade →
// an ineligible volunteer refused with the reason next to the person → readiness shows the new
// figures at region and unit level → the company's and the brigade's history show the
// transfer → the company's member list exported to PDF → the readiness table exported to XLSX
// through the audited export (saved into JASAQ_SAVE_DIR without a dialog) → a bulk transfer.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { $, $$, browser, expect } from '@wdio/globals';
import { ADMIN, byTestId, chooseOption, cli, click, DISTRICT, fill, makeIin, REGION_EN, t, todayKz, waitForHeading, waitForText } from '../support';

const REGION = 'KZ-11';
const BRIGADE = '1-я бригада территориальной обороны';
const COMPANY = '1-я рота';
const PEOPLE = {
	serik: { iin: makeIin('900515', 3, 1111), surname: 'Жақсыбеков', given: 'Серік' },
	aigul: { iin: makeIin('920310', 4, 2222), surname: 'Нұрланова', given: 'Айгүл' },
	// Born 1968: 58 years old, over the maximum age of 55 published below.
	bolat: { iin: makeIin('680402', 3, 3333), surname: 'Оспанов', given: 'Болат' }
};

/** Saves a screenshot when JASAQ_E2E_SHOTS names a folder (for looking at the screens). */
async function shot(name: string) {
	const dir = process.env.JASAQ_E2E_SHOTS;
	if (dir) await browser.saveScreenshot(path.join(dir, `units-${name}.png`));
}

/** Clicks an export button and returns the saved file's path, once the file exists. */
async function exportTo(testid: string, format: 'csv' | 'xlsx' | 'pdf'): Promise<string> {
	const result = await byTestId(`${testid}-result`);
	await click(`${testid}-${format}`);
	await browser.waitUntil(async () => (await result.getText()).includes(`.${format}`), {
		timeoutMsg: `no saved note for ${format}: ${await (await byTestId(`${testid}-error`)).getText().catch(() => '')}`
	});
	const text = await result.getText();
	const saved = text.slice(text.indexOf(' to ') + 4).trim();
	expect(path.dirname(saved)).toBe(process.env.JASAQ_SAVE_DIR);
	expect(existsSync(saved)).toBe(true);
	return saved;
}

async function rowCount(testId: string): Promise<number> {
	return (await $$(`[data-testid="${testId}"]`)).length;
}

/** Opens the readiness dashboard at the Akmola region level. */
async function readinessOfRegion() {
	await click('nav-units-readiness');
	await waitForHeading(t('en', 'units.readiness.title'));
	// The country level first (the page may have been at a unit), then the region.
	await browser.waitUntil(async () => (await browser.execute(() => location.search)) === '', { timeoutMsg: 'the dashboard did not open at country level' });
	await chooseOption('readiness-region', REGION_EN);
	await browser.waitUntil(async () => (await browser.execute(() => location.search)).includes(REGION), {
		timeoutMsg: 'choosing the region did not open its level'
	});
}

/** Opens a unit from the tree by its name. */
async function openUnit(name: string) {
	await click('nav-units-structure');
	await waitForHeading(t('en', 'units.title'));
	const link = await $(`[data-testid="unit-row"][data-name="${name}"] [data-testid="unit-open"]`);
	await link.waitForClickable();
	await link.click();
	await waitForHeading(name);
}

/** Assigns a volunteer found by IIN to a position of the open unit; the dialog stays open on refusal. */
async function assign(iin: string, positionEn: string) {
	await click('unit-assign');
	await (await byTestId('member-dialog')).waitForDisplayed();
	await fill('mdlg-volunteer', iin);
	const result = await $(`[data-testid="mdlg-volunteer-result"][data-iin="${iin}"]`);
	await result.waitForClickable();
	await result.click();
	await chooseOption('mdlg-position', positionEn);
	await click('mdlg-submit');
}

async function dialogClosed() {
	await browser.waitUntil(async () => !(await (await byTestId('member-dialog')).isDisplayed()), {
		timeoutMsg: `the dialog stayed open: ${await (await byTestId('member-dialog')).getText()}`
	});
}

describe('Jasaq units, assignments and readiness', () => {
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
		await browser.waitUntil(async () => (await (await byTestId('nav-units')).getText()) === t('en', 'nav.units'));
	});

	it('prepares a district and volunteers with the CLI', () => {
		cli('district', 'add', '--region', REGION, '--name-kk', DISTRICT.kk, '--name-ru', DISTRICT.ru, '--name-en', DISTRICT.en);
		const districts = JSON.parse(cli('district', 'list', '--json')) as { id: string }[];
		const district = districts[0].id;
		const add = (p: { iin: string; surname: string; given: string }, citizenship = 'KZ') =>
			(JSON.parse(
				cli('volunteer', 'add', '--json', '--iin', p.iin, '--surname', p.surname, '--given-name', p.given, '--citizenship', citizenship,
					'--region', REGION, '--district', district, '--registered-address', 'Ақкөл қ., Абай к-сі, 3', '--phone', '+7 701 000 00 00')
			) as { volunteer: { id: string } }).volunteer.id;
		for (const p of Object.values(PEOPLE)) cli('volunteer', 'enrol', add(p));
		// New rules: the maximum age falls to 55, so Bolat is no longer eligible.
		cli('rules', 'publish', '--effective-date', todayKz().iso, '--min-age', '18', '--max-age', '55');
	});

	it('creates a brigade in the Akmola region', async () => {
		await click('nav-units');
		await waitForHeading(t('en', 'units.title'));
		await click('unit-new');
		await waitForHeading(t('en', 'units.form.title_new'));
		// Nothing chosen: the form says what is missing and sends nothing.
		await click('unit-submit');
		await waitForText('unit-name-error', t('en', 'rule.required'));
		await fill('unit-name', BRIGADE);
		await chooseOption('unit-kind', 'Brigade');
		await chooseOption('unit-region', REGION_EN);
		await chooseOption('unit-agency', 'Defence');
		await chooseOption('unit-direction', t('en', 'units.direction.russia'));
		await click('unit-submit');
		await waitForHeading(BRIGADE);
		await waitForText('unit-direction', t('en', 'units.direction.russia'));
	});

	it('creates a company under it, with the parent and region taken over', async () => {
		await click('unit-add-subunit');
		await waitForHeading(t('en', 'units.form.title_new'));
		await fill('unit-name', COMPANY);
		await chooseOption('unit-kind', 'Company');
		await browser.waitUntil(async () => (await (await $('#unit-parent')).getValue()) !== '', { timeoutMsg: 'the parent was not preset' });
		await shot('form');
		await click('unit-submit');
		await waitForHeading(COMPANY);
		await waitForText('unit-direction', t('en', 'units.direction.russia'));
	});

	it('sets the establishment, refusing a negative number next to its line', async () => {
		await click('establishment-edit');
		await fill('est-rifleman', '-1');
		await click('establishment-save');
		await waitForText('est-rifleman-error', t('en', 'rule.out_of_range', { min: '0', max: '5000' }));
		await fill('est-rifleman', '3');
		await fill('est-squad_leader', '1');
		await click('establishment-save');
		await waitForText('establishment-total', '4');
		await waitForText('establishment-assigned', '0');
	});

	it('shows the company in the tree under the brigade', async () => {
		await click('nav-units-structure');
		await waitForHeading(t('en', 'units.title'));
		const company = await $(`[data-testid="unit-row"][data-name="${COMPANY}"]`);
		await company.waitForDisplayed();
		expect(await (await company.$('[data-testid="unit-strength"]')).getText()).toBe('0 / 4');
		await shot('tree');
	});

	it('shows 4 authorised and nobody assigned on the dashboard', async () => {
		await readinessOfRegion();
		await waitForText('sum-authorised', '4');
		await waitForText('sum-assigned', '0');
		await waitForText('sum-fill', '0 %');
	});

	it('assigns two volunteers to the company', async () => {
		await openUnit(COMPANY);
		await assign(PEOPLE.serik.iin, 'Rifleman');
		await dialogClosed();
		await assign(PEOPLE.aigul.iin, 'Rifleman');
		await dialogClosed();
		await browser.waitUntil(async () => (await rowCount('member-row')) === 2, { timeoutMsg: 'two members are not listed' });
		await waitForText('establishment-assigned', '2');
		await shot('company');
	});

	it('transfers one of them to the brigade, keeping the history', async () => {
		const row = await $(`[data-testid="member-row"][data-iin="${PEOPLE.aigul.iin}"]`);
		await (await row.$('[data-testid="member-transfer"]')).click();
		await (await byTestId('member-dialog')).waitForDisplayed();
		await chooseOption('mdlg-unit', BRIGADE);
		await chooseOption('mdlg-position', 'Rifleman');
		await fill('mdlg-reason', 'Усиление управления бригады');
		await click('mdlg-submit');
		await dialogClosed();
		await browser.waitUntil(async () => (await rowCount('member-row')) === 1, { timeoutMsg: 'the transferred member is still listed' });
		await waitForText('establishment-assigned', '1');

		await openUnit(BRIGADE);
		const moved = await $(`[data-testid="member-row"][data-iin="${PEOPLE.aigul.iin}"]`);
		await moved.waitForDisplayed();
		await (await moved.$('[data-testid="member-history"]')).click();
		await browser.waitUntil(async () => (await $$('[data-testid="member-history-list"] [data-testid="assignment-row"]').length) === 2, {
			timeoutMsg: 'the history does not show both assignments'
		});
		const history = await (await byTestId('member-history-list')).getText();
		expect(history).toContain(COMPANY);
		expect(history).toContain('Усиление управления бригады');
	});

	it('refuses an ineligible volunteer with the reason next to the person', async () => {
		await openUnit(COMPANY);
		await assign(PEOPLE.bolat.iin, 'Squad leader');
		const error = await byTestId('mdlg-volunteer-error');
		await error.waitForDisplayed();
		expect(await error.getText()).toBe(t('en', 'error.not_eligible'));
		await shot('refused');
		await click('mdlg-cancel');
		await dialogClosed();
		// Nothing was written: the company still has its one member.
		expect(await rowCount('member-row')).toBe(1);
	});

	it('shows the new figures on the dashboard, down to the company', async () => {
		// The country level (read from the running totals) first, then the region.
		await click('nav-units-readiness');
		await waitForHeading(t('en', 'units.readiness.title'));
		await waitForText('sum-authorised', '4');
		await waitForText('sum-assigned', '2');
		await waitForText('sum-fill', '25 %');
		await readinessOfRegion();
		await waitForText('sum-authorised', '4');
		await waitForText('sum-assigned', '2');
		// Filled posts: one rifleman of three in the company; the brigade has no establishment.
		await waitForText('sum-fill', '25 %');
		await (await byTestId('chart-fill')).waitForDisplayed();
		await shot('readiness-region');
		await (await byTestId('readiness-table')).scrollIntoView();
		await shot('readiness-region-tables');
		let open: WebdriverIO.Element | undefined;
		await browser.waitUntil(
			async () => {
				for (const el of await $$('[data-testid="readiness-table"] [data-testid="readiness-open"]')) {
					if ((await el.getText()) === COMPANY) open = el;
				}
				return open !== undefined;
			},
			{ timeoutMsg: 'the company is not in the readiness table' }
		);
		await open?.click();
		await waitForText('readiness-unit', COMPANY);
		await waitForText('sum-authorised', '4');
		await waitForText('sum-assigned', '1');
		await waitForText('sum-fill', '25 %');
		const rifle = await $('[data-testid="readiness-position"][data-position="rifleman"]');
		expect(await rifle.getText()).toContain('3');
		await shot('readiness-unit');
	});

	it('shows the transfer in the history of both units', async () => {
		await openUnit(COMPANY);
		const out = await $(`[data-testid="unit-history-row"][data-kind="transferred_out"]`);
		await out.waitForDisplayed({ timeoutMsg: 'the company history does not show the transfer out' });
		const outText = await out.getText();
		expect(outText).toContain(PEOPLE.aigul.surname);
		expect(outText).toContain(BRIGADE);
		expect(outText).toContain('Усиление управления бригады');
		expect(await rowCount('unit-history-row')).toBe(3);
		await (await byTestId('unit-history')).scrollIntoView();
		await shot('unit-history');

		await openUnit(BRIGADE);
		const into = await $(`[data-testid="unit-history-row"][data-kind="transferred_in"]`);
		await into.waitForDisplayed({ timeoutMsg: 'the brigade history does not show the transfer in' });
		expect(await into.getText()).toContain(COMPANY);
	});

	it("exports the company's member list to PDF", async () => {
		await openUnit(COMPANY);
		const saved = await exportTo('members-export', 'pdf');
		expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});

	it('exports the readiness table to XLSX through the audited export', async () => {
		await readinessOfRegion();
		const saved = await exportTo('readiness-export', 'xlsx');
		// An XLSX is a zip: it starts with PK.
		expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');
		await shot('readiness-exported');
		// The export is audited: the audit log, exported with the CLI, holds its entry.
		const auditFile = path.join(process.env.JASAQ_SAVE_DIR ?? '', 'audit.csv');
		cli('export', 'audit', '--format', 'csv', '--out', auditFile);
		expect(readFileSync(auditFile, 'utf8')).toContain('unit.readiness_export');
	});

	it('moves volunteers by a sheet: a bad row is reported and nothing moves, then the corrected sheet applies', async () => {
		const dir = process.env.JASAQ_SAVE_DIR ?? '';
		const bad = path.join(dir, 'transfer-bad.csv');
		const good = path.join(dir, 'transfer.csv');
		writeFileSync(bad, `iin,unit\n${PEOPLE.serik.iin},${BRIGADE}\n${makeIin('010101', 5, 9999)},${BRIGADE}\n`);
		writeFileSync(good, `iin,unit\n${PEOPLE.serik.iin},${BRIGADE}\n`);

		await click('nav-units-transfer');
		await waitForHeading(t('en', 'units.bulk.title'));
		await fill('bulk-reason', 'Приказ № 12');
		// The picker speaks the app's language, not the system's, and names the chosen file.
		await expect($('label.choose[for="bulk-file"]')).toHaveText(t('en', 'common.choose_file'));
		await waitForText('bulk-file-name', t('en', 'common.no_file'));
		await (await $('#bulk-file')).setValue(bad);
		await waitForText('bulk-file-name', 'transfer-bad.csv');
		await click('bulk-check');
		await (await byTestId('bulk-errors')).waitForDisplayed();
		expect(await rowCount('bulk-error-row')).toBe(1);
		await expect(byTestId('bulk-apply')).not.toBeExisting();
		await shot('bulk-refused');

		await (await $('#bulk-file')).setValue(good);
		await click('bulk-check');
		await click('bulk-apply');
		await waitForText('bulk-note', t('en', 'units.bulk.applied', { moves: '1' }));

		await openUnit(BRIGADE);
		await browser.waitUntil(async () => (await rowCount('member-row')) === 2, { timeoutMsg: 'the brigade does not list both moved volunteers' });
	});
});
