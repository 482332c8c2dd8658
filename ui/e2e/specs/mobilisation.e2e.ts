// Mobilisation call-outs in the real window, on its own fresh database (see wdio.conf.ts):
// first-run setup → a district, a company and four enrolled volunteers assigned to it,
// prepared with the `jasaq` CLI → an exercise declared for the company in the form and
// activated → at the desk, from the keyboard only: one volunteer marked reported by IIN,
// one by name, one excused with a reason, a fourth marked and undone with Ctrl+Z → the
// figures and the reported-strength chart show the change → the call-out sheet printed as a
// PDF into JASAQ_SAVE_DIR → a sheet filled in on paper merged back through the file field, and
// merged again without duplicates.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { $, browser, expect } from '@wdio/globals';
import { Key } from 'webdriverio';
import { ADMIN, byTestId, chooseOption, cli, click, DISTRICT, fill, makeIin, t, waitForHeading, waitForText } from '../support';

const REGION = 'KZ-11';
const COMPANY = '2-я рота';
const ORDER = '17-ТО';
const PEOPLE = {
	serik: { iin: makeIin('900515', 3, 1211), surname: 'Жақсыбеков', given: 'Серік' },
	aigul: { iin: makeIin('920310', 4, 2322), surname: 'Нұрланова', given: 'Айгүл' },
	marat: { iin: makeIin('880707', 3, 3433), surname: 'Темірханов', given: 'Марат' },
	dana: { iin: makeIin('950101', 4, 4544), surname: 'Сейітова', given: 'Дана' }
};

async function shot(name: string) {
	const dir = process.env.JASAQ_E2E_SHOTS;
	if (dir) await browser.saveScreenshot(path.join(dir, `mobilisation-${name}.png`));
}

async function text(testId: string): Promise<string> {
	return (await (await byTestId(testId)).getText()).trim();
}

async function waitForTotal(testId: string, expected: string) {
	await browser.waitUntil(async () => (await text(testId)) === expected, {
		timeoutMsg: `${testId} never became ${expected} (is ${await text(testId)})`
	});
}

async function chartPoints(): Promise<number[]> {
	const raw = (await (await byTestId('reported-chart')).getAttribute('data-points')) ?? '';
	return raw === '' ? [] : raw.split(',').map(Number);
}

/** Types into the desk and waits until the first candidate is the person. */
async function find(query: string, surname: string) {
	await fill('desk-input', query);
	await browser.waitUntil(async () => (await text('desk-candidates')).includes(surname), {
		timeoutMsg: `the desk never offered ${surname} for "${query}"`
	});
}

describe('Jasaq mobilisation call-outs', () => {
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
		await (await byTestId('nav-mobilisation')).waitForDisplayed();
		await click('lang-en');
		await browser.waitUntil(async () => (await (await byTestId('nav-mobilisation')).getText()) === t('en', 'nav.mobilisation'));
	});

	it('prepares a company and four assigned volunteers with the CLI', () => {
		cli('district', 'add', '--region', REGION, '--name-kk', DISTRICT.kk, '--name-ru', DISTRICT.ru, '--name-en', DISTRICT.en);
		const district = (JSON.parse(cli('district', 'list', '--json')) as { id: string }[])[0].id;
		const company = (JSON.parse(
			cli('unit', 'add', '--json', '--name', COMPANY, '--kind', 'company', '--agency', 'defence', '--region', REGION, '--district', district, '--direction', 'russia')
		) as { id: string }).id;
		for (const p of Object.values(PEOPLE)) {
			const id = (JSON.parse(
				cli('volunteer', 'add', '--json', '--iin', p.iin, '--surname', p.surname, '--given-name', p.given, '--citizenship', 'KZ',
					'--region', REGION, '--district', district, '--registered-address', 'Ақкөл қ., Абай к-сі, 3', '--phone', '+7 701 000 00 00')
			) as { volunteer: { id: string } }).volunteer.id;
			cli('volunteer', 'enrol', id);
			cli('unit', 'assign', '--volunteer', id, '--unit', company, '--position', 'rifleman', '--start', '2026-01-10');
		}
	});

	it('declares an exercise for the company and activates it', async () => {
		await click('nav-mobilisation');
		await waitForHeading(t('en', 'nav.mobilisation'));
		await click('activation-new');
		await fill('act-legal', 'Order of the regional akim on a readiness exercise');
		await fill('act-order', ORDER);
		await fill('act-point', 'Akkol, stadium');
		await chooseOption('act-scope-value', COMPANY);
		await click('act-scope-add');
		await browser.waitUntil(async () => (await text('act-scope-list')).includes(COMPANY), { timeoutMsg: 'the company was not added to the scope' });
		await shot('declare');
		await click('act-submit');
		await waitForHeading(`${t('en', 'mobilisation.kind.exercise')} · ${ORDER}`);
		await waitForText('activation-status', t('en', 'mobilisation.status.draft'));
		await click('activation-activate');
		await waitForText('activation-status', t('en', 'mobilisation.status.active'));
		await waitForTotal('total-reported', '0');
		expect((await chartPoints()).at(-1)).toBe(0);
	});

	it('marks two reported and one excused from the keyboard, and undoes a mistake', async () => {
		// The desk has focus after activation; everything below is typed, no mouse.
		await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id)) === 'desk-input', {
			timeoutMsg: 'the desk field did not take focus'
		});
		await find(PEOPLE.serik.iin, PEOPLE.serik.surname);
		await browser.keys(Key.Enter);
		await waitForText('desk-note', t('en', 'mobilisation.desk.marked_reported', { name: `${PEOPLE.serik.surname} ${PEOPLE.serik.given}` }));
		await waitForTotal('total-reported', '1');

		await find('Нұрлан', PEOPLE.aigul.surname);
		await browser.keys(Key.Enter);
		await waitForTotal('total-reported', '2');

		await find('Темір', PEOPLE.marat.surname);
		await browser.keys([Key.Shift, Key.Enter]);
		const reason = await $('#desk-reason');
		await reason.waitForDisplayed();
		await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id)) === 'desk-reason', {
			timeoutMsg: 'the reason field did not take focus'
		});
		await browser.keys('hospital'.split(''));
		await browser.keys(Key.Enter);
		await waitForTotal('total-excused', '1');

		// A mistaken mark, undone with Ctrl+Z from the desk field.
		// Lower case: the desk folds Cyrillic case as the registry search does.
		await find('сейіт', PEOPLE.dana.surname);
		await browser.keys(Key.Enter);
		await waitForTotal('total-reported', '3');
		await browser.keys([Key.Ctrl, 'z']);
		await waitForTotal('total-reported', '2');
		await waitForTotal('total-excused', '1');
		await browser.waitUntil(async () => (await chartPoints()).at(-1) === 2, { timeoutMsg: 'the chart did not show 2 reported' });
		await shot('desk');
		await (await byTestId('reported-chart')).scrollIntoView();
		await shot('figures');
	});

	it('records a contact attempt from the activation page', async () => {
		await fill('contact-find', 'сейіт');
		await chooseOption('contact-volunteer', PEOPLE.dana.surname);
		await chooseOption('contact-channel', t('en', 'mobilisation.channel.sms'));
		await chooseOption('contact-outcome', t('en', 'mobilisation.outcome.no_answer'));
		await click('contact-record');
		await waitForText(
			'contact-status',
			t('en', 'mobilisation.contact.recorded', {
				name: `${PEOPLE.dana.surname} ${PEOPLE.dana.given}`,
				channel: t('en', 'mobilisation.channel.sms'),
				outcome: t('en', 'mobilisation.outcome.no_answer')
			})
		);
		await (await byTestId('contact-status')).scrollIntoView();
		await shot('contact');
	});

	it('prints the call-out sheet as a PDF', async () => {
		await click('sheet-pdf');
		const dir = process.env.JASAQ_SAVE_DIR ?? '';
		await browser.waitUntil(() => readdirSync(dir).some((f) => f.startsWith('call-out-') && f.endsWith('.pdf')), {
			timeoutMsg: `no call-out PDF in ${dir}`
		});
		const file = readdirSync(dir).find((f) => f.startsWith('call-out-') && f.endsWith('.pdf')) ?? '';
		expect(readFileSync(path.join(dir, file)).subarray(0, 4).toString()).toBe('%PDF');
	});

	it('merges a sheet filled in on paper, and the same sheet again changes nothing', async () => {
		const sheet = path.join(process.env.JASAQ_SAVE_DIR ?? '', 'filled-in.csv');
		writeFileSync(sheet, `ИИН;Ответ;Причина\n${PEOPLE.dana.iin};освобождён;командировка\n`);
		const picker = await $('#merge-file');
		await picker.scrollIntoView();
		await picker.setValue(sheet);
		await waitForText('merge-file-name', 'filled-in.csv');
		await waitForText('merge-report', t('en', 'mobilisation.sheets.merged', { written: '1', unchanged: '0' }));
		await waitForTotal('total-excused', '2');
		await picker.setValue(sheet);
		await waitForText('merge-report', t('en', 'mobilisation.sheets.merged', { written: '0', unchanged: '1' }));
		await waitForTotal('total-excused', '2');
	});
});
