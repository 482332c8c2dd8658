// Requisitioned assets in the real window, on its own fresh database (see wdio.conf.ts):
// first-run setup → a district in Akmola → a BIN with a wrong check digit refused as typed →
// a truck requisitioned from a citizen for temporary use → negative and non-numeric amounts
// refused → appraised (market value and a daily rate) → a return date before intake is refused
// next to the field → returned damaged → the compensation computed line by line (rate × days
// + loss of value) → claim filed, decided, partly paid (balance shown) → an overpayment
// refused with the balance → the compensation statement saved as a PDF into JASAQ_SAVE_DIR.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { $, browser, expect } from '@wdio/globals';
import {
	ADMIN,
	byTestId,
	chooseOption,
	click,
	DISTRICT,
	fill,
	makeIin,
	REGION_EN,
	t,
	waitForHeading,
	waitForText,
	wrongCheck
} from '../support';

const OWNER = { iin: makeIin('750812', 3, 2001), surname: 'Жұмабеков', given: 'Қайрат', phone: '+7 701 555 44 33' };
// An organisation's BIN (registered 2006-12, the domain brief's test vector).
const BIN = '061211600012';
const TRUCK = { description: 'Жүк көлігі КамАЗ-65115, самосвал', plate: '123ABC01', vin: 'XTC65115081234567' };

// Intake 01.03.2026, returned 30.03.2026: 30 days, both counted. Rate 25 000,50 ₸ a day:
// 750 015,00 ₸ for the use, plus 150 000,25 ₸ loss of value = 900 015,25 ₸ owed.
const INTAKE = '01.03.2026';
const RETURNED = '30.03.2026';
const TOTAL = '900 015,25 ₸';
const PAID = '400 000';
const BALANCE = '500 015,25 ₸';

/** Opens an action's dialog on the asset page. */
async function openAction(action: string) {
	await click(`action-${action}`);
	await (await byTestId('asset-dialog')).waitForDisplayed();
}

/** Submits the open dialog and waits until it has closed (the action was recorded). */
async function submitDialog() {
	await click('dialog-submit');
	await browser.waitUntil(async () => !(await (await byTestId('asset-dialog')).isDisplayed()), {
		timeoutMsg: `the dialog stayed open: ${await (await byTestId('asset-dialog')).getText()}`
	});
}

describe('Jasaq requisitioned assets', () => {
	it('starts from first-run setup on its own database', async () => {
		await (await byTestId('setup-form')).waitForDisplayed({ timeout: 60_000 });
		await fill('username', ADMIN.username);
		await fill('display-name', ADMIN.name);
		await fill('password', ADMIN.password);
		await fill('password-repeat', ADMIN.password);
		await click('setup-submit');
		await (await byTestId('nav-volunteers')).waitForDisplayed();
		await click('lang-en');
		await browser.waitUntil(async () => (await (await byTestId('nav-assets')).getText()) === t('en', 'nav.assets'));
	});

	it('adds a district in the Akmola region', async () => {
		await click('nav-admin-districts');
		await waitForHeading(t('en', 'districts.title'));
		await chooseOption('region', REGION_EN);
		await (await byTestId('district-list')).waitForDisplayed();
		await fill('name-kk', DISTRICT.kk);
		await fill('name-ru', DISTRICT.ru);
		await fill('name-en', DISTRICT.en);
		await click('district-add-submit');
		const list = await byTestId('district-list');
		await browser.waitUntil(async () => (await list.getText()).includes(DISTRICT.en), { timeoutMsg: 'the new district is not listed' });
	});

	it('records a truck requisitioned from a citizen for temporary use', async () => {
		await click('nav-assets');
		await waitForHeading(t('en', 'assets.title'));
		await click('asset-new');
		await waitForHeading(t('en', 'assets.form.title'));
		// An organisation's BIN with a wrong check digit is refused as it is typed.
		await chooseOption('owner-kind', t('en', 'assets.owner_kind.organisation'));
		await fill('owner-ident', wrongCheck(BIN));
		await waitForText('owner-ident-error', t('en', 'rule.bin_check_digit'));
		await fill('owner-ident', BIN);
		await (await byTestId('owner-new')).waitForDisplayed();
		await expect(byTestId('owner-ident-error')).not.toBeExisting();
		// The truck's owner is a citizen: the IIN is checked as typed; a new owner is announced.
		await chooseOption('owner-kind', t('en', 'assets.owner_kind.citizen'));
		await fill('owner-ident', OWNER.iin);
		await (await byTestId('owner-new')).waitForDisplayed();
		await fill('owner-surname', OWNER.surname);
		await fill('owner-given-name', OWNER.given);
		await fill('owner-phone', OWNER.phone);
		await fill('owner-address', 'Ақкөл қ., Сейфуллин к-сі, 7');
		await chooseOption('region', REGION_EN);
		await chooseOption('district', DISTRICT.en);
		await chooseOption('asset-kind', t('en', 'assets.kind.vehicle'));
		await fill('asset-description', TRUCK.description);
		await fill('asset-plate', TRUCK.plate);
		await fill('asset-vin', TRUCK.vin);
		await fill('asset-address', 'Ақкөл қ., Сейфуллин к-сі, 7');
		await fill('order-number', 'Р-14/2026');
		await fill('order-date', '28.02.2026');
		await fill('order-legal-basis', 'Закон РК «О территориальной обороне», ст. 12');
		await fill('order-official', 'Аким района Б. Омаров');
		await fill('order-administration', 'Акимат Аккольского района');
		await fill('order-receiving-unit', 'Батальон территориальной обороны № 3');
		await chooseOption('order-mode', t('en', 'assets.mode.temporary_use'));
		await fill('order-intake-date', INTAKE);
		await fill('order-intake-condition', 'Исправен, пробег 120 000 км, без повреждений кузова');
		await click('requisition-submit');
		await waitForHeading(TRUCK.description);
		await waitForText('asset-status', t('en', 'assets.status.held'));
		await waitForText('intake-date', INTAKE);
		expect(await (await byTestId('asset-identifiers')).getText()).toBe(`${TRUCK.plate} · ${TRUCK.vin}`);
		expect(await (await byTestId('asset-owner')).getText()).toContain(OWNER.iin);
	});

	it('appraises it with a market value and a daily use rate', async () => {
		await openAction('appraise');
		await fill('dlg-text-a', 'ТОО «Бағалау орталығы»');
		await fill('dlg-method', 'Comparative');
		await fill('dlg-date', '15.03.2026');
		// Negative and non-numeric amounts are refused next to their fields; nothing is sent.
		await fill('dlg-amount', '-5');
		await fill('dlg-rate', 'abc');
		await click('dialog-submit');
		await waitForText('dlg-amount-error', t('en', 'rule.negative'));
		await waitForText('dlg-rate-error', t('en', 'rule.not_numeric'));
		await expect(byTestId('appraisal-row')).not.toBeExisting();
		await fill('dlg-amount', '12 500 000');
		await fill('dlg-rate', '25 000,50');
		await submitDialog();
		await (await byTestId('appraisal-basis')).waitForDisplayed();
		await waitForText('comp-value-use_rate', t('en', 'assets.per_day', { amount: '25 000,50 ₸' }));
	});

	it('refuses a return date before the intake next to the field', async () => {
		await openAction('return');
		await fill('dlg-date', '28.02.2026');
		await fill('dlg-text-a', 'Вмятина на левой двери, трещина лобового стекла');
		await fill('dlg-amount', '150 000,25');
		await click('dialog-submit');
		await waitForText('dlg-date-error', t('en', 'rule.before_intake', { intake_date: INTAKE }));
		expect(await (await $('#dlg-date')).getAttribute('aria-invalid')).toBe('true');
		expect(await (await byTestId('asset-dialog')).isDisplayed()).toBe(true);
	});

	it('records the return, damaged, and shows the compensation line by line', async () => {
		await fill('dlg-date', RETURNED);
		await submitDialog();
		await waitForText('asset-status', t('en', 'assets.status.returned'));
		await waitForText('comp-value-use_days', '30 days');
		await waitForText('comp-value-use_amount', '750 015,00 ₸');
		await waitForText('comp-value-loss_of_value', '150 000,25 ₸');
		await waitForText('comp-value-total', TOTAL);
		await waitForText('comp-value-balance', TOTAL);
	});

	it('files a claim, decides it and records a partial payment', async () => {
		await openAction('claim');
		expect(await (await $('#dlg-amount')).getValue()).toBe(TOTAL.replace(' ₸', ''));
		await fill('dlg-date', '01.04.2026');
		await fill('dlg-document', 'Т-17/2026');
		await submitDialog();
		await waitForText('claim-status', t('en', 'assets.claim_status.filed'));

		await openAction('decide');
		await fill('dlg-date', '10.04.2026');
		await fill('dlg-document', 'Ш-5/2026');
		await submitDialog();
		await waitForText('claim-status', t('en', 'assets.claim_status.decided'));
		await waitForText('claim-decided', TOTAL);

		await openAction('pay');
		await fill('dlg-date', '15.04.2026');
		await fill('dlg-amount', PAID);
		await fill('dlg-document', 'ПП-101');
		await submitDialog();
		await waitForText('claim-status', t('en', 'assets.claim_status.partly_paid'));
		await waitForText('claim-paid', '400 000,00 ₸');
		await waitForText('claim-balance', BALANCE);
		await waitForText('comp-value-balance', BALANCE);
	});

	it('refuses an overpayment with the balance, and nothing is written', async () => {
		await openAction('pay');
		await fill('dlg-date', '16.04.2026');
		await fill('dlg-amount', '600 000');
		await fill('dlg-document', 'ПП-102');
		await click('dialog-submit');
		await waitForText('dlg-amount-error', t('en', 'assets.overpayment', { balance: BALANCE }));
		await (await $('#asset-dialog button.secondary')).click();
		await browser.waitUntil(async () => !(await (await byTestId('asset-dialog')).isDisplayed()));
		await waitForText('claim-balance', BALANCE);
	});

	it('prints the compensation statement into the save folder', async () => {
		const dir = process.env.JASAQ_SAVE_DIR;
		expect(dir).toBeTruthy();
		await click('print-statement');
		const note = await byTestId('saved-path');
		await browser.waitUntil(async () => (await note.getText()).startsWith(t('en', 'assets.detail.saved_to', { path: '' })), {
			timeoutMsg: `no "Saved to" note (action error: ${await (await byTestId('action-error')).getText()})`
		});
		const saved = (await note.getText()).slice(t('en', 'assets.detail.saved_to', { path: '' }).length).trim();
		expect(path.dirname(saved)).toBe(dir);
		expect(existsSync(saved)).toBe(true);
		expect(readFileSync(saved).subarray(0, 4).toString('latin1')).toBe('%PDF');
	});

	it('lists the asset with its balance', async () => {
		await click('back-to-list');
		await waitForHeading(t('en', 'assets.title'));
		const row = await byTestId('asset-row');
		await row.waitForDisplayed();
		expect(await row.getText()).toContain(TRUCK.description);
		await waitForText('row-balance', BALANCE);
	});
});
