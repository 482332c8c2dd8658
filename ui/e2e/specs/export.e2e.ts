// Exports in the real window, on its own fresh database (see wdio.conf.ts): first-run setup
// in the window → a district and three volunteers prepared with the `jasaq` CLI → the
// volunteer list exported to XLSX and to PDF from the export menu (saved into JASAQ_SAVE_DIR
// without a dialog) → the files exist and open: the XLSX is a zip holding its worksheet and
// the names, the PDF starts with %PDF and has one page for three rows → the audit page's
// export lists the exports themselves → filtered by action, the log names it in words, in
// English and in Kazakh → the Reports page leads to each list's own export.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { $, $$, browser, expect } from '@wdio/globals';
import { ADMIN, byTestId, chooseOption, click, fill, makeIin, t, waitForHeading } from '../support';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR) : path.join(repoRoot, 'target');
const CLI = path.join(targetDir, 'debug', 'jasaq');

const PEOPLE = [
	{ iin: makeIin('900515', 3, 1234), surname: 'Әлиханов', given: 'Әлихан' },
	{ iin: makeIin('880101', 3, 2345), surname: 'Сейітқалиев', given: 'Нұрлан' },
	{ iin: makeIin('950707', 4, 3456), surname: 'Құрманғазиева', given: 'Гүлнұр' }
];

/** Runs the CLI against the app's database as the administrator; returns stdout. */
function jasaq(...args: string[]): string {
	return execFileSync(CLI, args, {
		env: { ...process.env, JASAQ_USER: ADMIN.username, JASAQ_PASSWORD: ADMIN.password },
		encoding: 'utf8'
	});
}

/** Clicks an export button and returns the saved file's path from the result line. */
async function exportTo(testid: string, format: 'xlsx' | 'pdf'): Promise<string> {
	const result = await byTestId(`${testid}-result`);
	const before = await result.getText();
	await click(`${testid}-${format}`);
	await browser.waitUntil(async () => (await result.getText()) !== before && (await result.getText()).includes(`.${format}`), {
		timeoutMsg: `no saved note for ${format}: ${await (await byTestId(`${testid}-error`)).getText().catch(() => '')}`
	});
	const text = await result.getText();
	const saved = text.slice(text.indexOf(' to ') + 4).trim();
	expect(path.dirname(saved)).toBe(process.env.JASAQ_SAVE_DIR);
	expect(existsSync(saved)).toBe(true);
	return saved;
}

describe('Jasaq exports', () => {
	it('starts from first-run setup on its own database', async () => {
		await (await byTestId('setup-form')).waitForDisplayed({ timeout: 60_000 });
		await fill('username', ADMIN.username);
		await fill('display-name', ADMIN.name);
		await fill('password', ADMIN.password);
		await fill('password-repeat', ADMIN.password);
		await click('setup-submit');
		await (await byTestId('nav-volunteers')).waitForDisplayed();
		await click('lang-en');
		await browser.waitUntil(async () => (await (await byTestId('nav-volunteers')).getText()) === t('en', 'nav.volunteers'));
	});

	it('prepares a district and three volunteers with the CLI', () => {
		expect(existsSync(CLI)).toBe(true);
		jasaq('district', 'add', '--region', 'KZ-11', '--name-kk', 'Ақкөл ауданы', '--name-ru', 'Аккольский район');
		const district = JSON.parse(jasaq('district', 'list', '--json'))[0].id as string;
		for (const p of PEOPLE) {
			jasaq(
				'volunteer', 'add', '--iin', p.iin, '--surname', p.surname, '--given-name', p.given, '--citizenship', 'KZ',
				'--region', 'KZ-11', '--district', district, '--registered-address', 'Ақкөл қ., Абай к-сі, 12',
				'--phone', '8 701 234 56 78', '--json'
			);
		}
	});

	it('exports the volunteer list to XLSX and PDF', async () => {
		// The list may have been open since setup: leave it so it loads again.
		await click('nav-admin');
		await click('nav-volunteers');
		await waitForHeading(t('en', 'volunteers.title'));
		await browser.waitUntil(async () => (await $$('[data-testid="volunteer-row"]').length) === PEOPLE.length, {
			timeoutMsg: `the three volunteers are not listed: ${await (await byTestId('volunteer-total')).getText()} ${await (await byTestId('page-error')).getText().catch(() => '')}`
		});

		const xlsx = await exportTo('volunteer-export', 'xlsx');
		expect(path.basename(xlsx)).toMatch(/^volunteers-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const zip = readFileSync(xlsx);
		expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
		// Entry names are stored uncompressed in a zip's headers.
		expect(zip.includes(Buffer.from('xl/worksheets/sheet1.xml'))).toBe(true);
		await browser.waitUntil(async () => (await (await byTestId('volunteer-export-result')).getText()).includes('3 rows'));

		const pdf = await exportTo('volunteer-export', 'pdf');
		const bytes = readFileSync(pdf);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const text = bytes.toString('latin1');
		expect(text.match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(1);
		expect(text).toMatch(/\/Count 1\b/);
	});

	it('exports the audit log, which records the exports', async () => {
		await click('nav-admin-audit');
		await waitForHeading(t('en', 'audit.title'));
		await (await byTestId('audit-row')).waitForDisplayed();
		const csvLike = await exportTo('audit-export', 'xlsx');
		expect(readFileSync(csvLike).subarray(0, 2).toString('latin1')).toBe('PK');
		const exports = JSON.parse(jasaq('export', 'audit', '--format', 'csv', '--out', path.join(path.dirname(csvLike), 'audit.csv'), '--action', 'volunteer.export', '--json'));
		expect(exports.rows).toBe(2);
	});

	it('points from the Reports page to where each report is exported', async () => {
		await click('nav-reports');
		await waitForHeading(t('en', 'nav.reports'));
		for (const key of ['volunteers', 'members', 'readiness', 'rosters', 'callouts', 'assets', 'audit']) {
			await expect(byTestId(`report-${key}`)).toHaveText(expect.stringContaining(t('en', `reports.${key}.title`)));
		}
		await (await $('[data-testid="report-volunteers"] a')).click();
		await waitForHeading(t('en', 'volunteers.title'));
		await click('nav-admin-audit');
		await waitForHeading(t('en', 'audit.title'));
	});

	it('names the actions in the reader\'s language and filters by them', async () => {
		const exported = t('en', 'audit.act.volunteer.export');
		await chooseOption('audit-action', exported);
		await click('audit-apply');
		await browser.waitUntil(async () => (await $$('[data-testid="audit-row"]').length) === 2, {
			timeoutMsg: 'the filter by action did not leave the two volunteer exports'
		});
		for (const cell of await $$('[data-testid="audit-action-name"]')) {
			expect(await cell.getText()).toBe(exported);
			expect(await cell.getAttribute('title')).toBe('volunteer.export');
		}
		await click('lang-kk');
		await browser.waitUntil(
			async () => (await (await byTestId('audit-action-name')).getText()) === t('kk', 'audit.act.volunteer.export'),
			{ timeoutMsg: 'the action was not named in Kazakh' }
		);
		await click('lang-en');
	});
});
