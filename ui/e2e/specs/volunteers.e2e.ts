// The volunteer registry in the real window, on its own fresh database (see wdio.conf.ts):
// first-run setup → a district in Akmola → register a Kazakh citizen (eligible, enrolled) →
// register a stateless applicant (ineligible with the reason, enrolment refused) → find the
// first by a lower-case Cyrillic fragment and by the Latin spelling → correct the phone and
// see the change in the record's history. Also: a wrong IIN check digit is caught as typed.
import { $, $$, browser, expect } from '@wdio/globals';
import {
	ADMIN,
	byTestId,
	chooseOption,
	click,
	DISTRICT,
	fill,
	heading,
	makeIin,
	REGION_EN,
	t,
	waitForHeading,
	waitForText,
	wrongCheck
} from '../support';

const VIEWER = { username: 'watcher', name: 'Мәди Оразбаев', temp: 'Temporary-Viewer-2026', password: 'Viewer-Strong-Pass-26' };

// A man born 15.05.1990 (3 = 1900s, male), a citizen of Kazakhstan.
const CITIZEN = {
	iin: makeIin('900515', 3, 1234),
	birth: '15.05.1990',
	surname: 'Әлиханов',
	given: 'Әлихан',
	phone: '+7 701 234 56 78',
	phoneE164: '+77012345678',
	newPhone: '8 702 555 11 22',
	newPhoneE164: '+77025551122'
};
// A woman born 20.03.1985 (4 = 1900s, female), a stateless person.
const STATELESS = { iin: makeIin('850320', 4, 4321), surname: 'Петрова', given: 'Анна', phone: '+7 705 111 22 33' };

/** Fills the parts of the form that are the same for every test person. */
async function fillPlaceAndContacts(phone: string) {
	await chooseOption('region', REGION_EN);
	await chooseOption('district', DISTRICT.en);
	await fill('registered-address', 'Ақкөл қ., Абай к-сі, 12');
	await fill('actual-address', 'Ақкөл қ., Абай к-сі, 12');
	await fill('phone', phone);
}

/** The texts of the list's rows. */
async function rowTexts(): Promise<string[]> {
	const rows = await $$('[data-testid="volunteer-row"]');
	const out: string[] = [];
	for (const row of rows) out.push(await row.getText());
	return out;
}

async function searchFinds(query: string, name: string, absent: string) {
	await fill('volunteer-search', query);
	let seen: string[] = [];
	let typed = '';
	let failure = 'none';
	await browser.waitUntil(
		async () => {
			// The list restores its last search when it mounts; on a loaded machine the field can
			// be re-rendered while the query is being typed. What the box holds is what counts.
			try {
				// Read in one script rather than through element handles: the list re-renders its
				// rows as results arrive, and handles to replaced rows went stale until timeout.
				const now = await browser.execute((): { box: string; rows: string[] } => ({
					box: (document.getElementById('volunteer-search') as HTMLInputElement | null)?.value ?? '',
					rows: Array.from(document.querySelectorAll<HTMLElement>('[data-testid="volunteer-row"]'), (r) => r.innerText)
				}));
				typed = now.box;
				seen = now.rows;
				if (typed !== query) await fill('volunteer-search', query);
			} catch (e) {
				failure = e instanceof Error ? e.message : String(e);
				return false;
			}
			return seen.length > 0 && seen.some((r) => r.includes(name)) && !seen.some((r) => r.includes(absent));
		},
		{
			timeoutMsg: `searching "${query}" did not list ${name} alone (box "${typed}", rows ${JSON.stringify(seen)}, last error ${failure})`
		}
	);
}

describe('Jasaq volunteer registry', () => {
	let citizenUrl = '';

	it('starts from first-run setup on its own database', async () => {
		await (await byTestId('setup-form')).waitForDisplayed({ timeout: 60_000 });
		await fill('username', ADMIN.username);
		await fill('display-name', ADMIN.name);
		await fill('password', ADMIN.password);
		await fill('password-repeat', ADMIN.password);
		await click('setup-submit');
		await (await byTestId('nav-volunteers')).waitForDisplayed();
		// The language choice lives in the webview's storage and may survive from another spec.
		await click('lang-en');
		await browser.waitUntil(async () => (await (await byTestId('nav-volunteers')).getText()) === t('en', 'nav.volunteers'));
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
		await browser.waitUntil(async () => (await list.getText()).includes(DISTRICT.en), {
			timeoutMsg: 'the new district is not listed'
		});
	});

	it('shows a wrong IIN check digit next to the field as it is typed, without submitting', async () => {
		await click('nav-volunteers');
		await waitForHeading(t('en', 'volunteers.title'));
		await click('volunteer-new');
		await waitForHeading(t('en', 'vform.title_new'));
		await fill('iin', wrongCheck(CITIZEN.iin));
		await waitForText('iin-error', t('en', 'rule.iin_check_digit'));
		expect(await (await $('#iin')).getAttribute('aria-invalid')).toBe('true');
		// Nothing was sent: still on the empty form, no other field complains.
		expect(await heading()).toBe(t('en', 'vform.title_new'));
		await expect(byTestId('surname-error')).not.toBeExisting();
		await expect(byTestId('iin-proposal')).not.toBeExisting();
	});

	it('registers a Kazakh citizen, who is eligible, and enrols them', async () => {
		await fill('iin', CITIZEN.iin);
		await (await byTestId('iin-proposal')).waitForDisplayed();
		await expect(byTestId('iin-error')).not.toBeExisting();
		// Birth date and sex proposed from the IIN fill the empty fields.
		await browser.waitUntil(async () => (await (await $('#birth-date')).getValue()) === CITIZEN.birth, {
			timeoutMsg: 'the birth date was not filled from the IIN'
		});
		expect(await (await $('#sex')).getValue()).toBe('male');
		expect(await (await $('#citizenship')).getValue()).toBe('KZ');
		await fill('surname', CITIZEN.surname);
		await fill('given-name', CITIZEN.given);
		await fillPlaceAndContacts(CITIZEN.phone);
		await click('volunteer-submit');

		await waitForHeading(`${CITIZEN.surname} ${CITIZEN.given}`);
		await waitForText('volunteer-eligibility', t('en', 'eligibility.eligible'));
		await waitForText('volunteer-status', t('en', 'status.eligible'));
		expect(await (await byTestId('volunteer-birth-date')).getText()).toBe(CITIZEN.birth);
		expect(await (await byTestId('volunteer-phone')).getText()).toBe(CITIZEN.phoneE164);
		citizenUrl = await browser.execute(() => location.pathname);

		await click('volunteer-enrol');
		await waitForText('volunteer-status', t('en', 'status.enrolled'));
		await expect(byTestId('action-error')).toHaveText('');
	});

	it('registers a stateless applicant, shown ineligible with the reason, and refuses enrolment', async () => {
		await click('nav-volunteers-list');
		await waitForHeading(t('en', 'volunteers.title'));
		await click('volunteer-new');
		await waitForHeading(t('en', 'vform.title_new'));
		await fill('iin', STATELESS.iin);
		await (await byTestId('iin-proposal')).waitForDisplayed();
		await fill('surname', STATELESS.surname);
		await fill('given-name', STATELESS.given);
		await (await $('#citizenship')).selectByAttribute('value', 'stateless');
		await fillPlaceAndContacts(STATELESS.phone);
		await click('volunteer-submit');

		await waitForHeading(`${STATELESS.surname} ${STATELESS.given}`);
		await waitForText('volunteer-eligibility', t('en', 'eligibility.ineligible'));
		await waitForText('volunteer-status', t('en', 'status.ineligible'));
		const reason = t('en', 'failed.citizenship_stateless');
		await expect(byTestId('failed-rule')).toHaveText(reason);

		// The button is offered; the backend refuses, and the refusal is shown in words.
		await click('volunteer-enrol');
		const alert = await byTestId('action-error');
		await browser.waitUntil(async () => (await alert.getText()).includes(t('en', 'error.not_eligible')), {
			timeoutMsg: 'the enrolment refusal was not shown'
		});
		expect(await alert.getText()).toContain(reason);
		expect(await alert.getAttribute('role')).toBe('alert');
		await waitForText('volunteer-status', t('en', 'status.ineligible'));
	});

	it('finds the first volunteer by a lower-case fragment of the surname and by its Latin spelling', async () => {
		await click('nav-volunteers-list');
		await waitForHeading(t('en', 'volunteers.title'));
		await browser.waitUntil(async () => (await rowTexts()).length === 2, { timeoutMsg: 'the list does not show both volunteers' });
		await searchFinds('лихан', CITIZEN.surname, STATELESS.surname);
		await searchFinds('әлихан', CITIZEN.surname, STATELESS.surname);
		await searchFinds('Alikhanov', CITIZEN.surname, STATELESS.surname);
		await searchFinds('alikhan', CITIZEN.surname, STATELESS.surname);
		await searchFinds('петров', STATELESS.surname, CITIZEN.surname);
		const total = await byTestId('volunteer-total');
		await browser.waitUntil(async () => (await total.getText()).startsWith('1 volunteer found'), {
			timeoutMsg: 'the total does not say one volunteer'
		});
	});

	it('corrects the phone and shows the change in the record history', async () => {
		await searchFinds('alikhan', CITIZEN.surname, STATELESS.surname);
		await click('volunteer-open');
		await waitForHeading(`${CITIZEN.surname} ${CITIZEN.given}`);
		expect(await browser.execute(() => location.pathname)).toBe(citizenUrl);
		await click('volunteer-edit');
		await (await byTestId('volunteer-form')).waitForDisplayed();
		await browser.waitUntil(async () => (await (await $('#phone')).getValue()) === CITIZEN.phoneE164, {
			timeoutMsg: 'the edit form did not load the phone'
		});
		await fill('phone', CITIZEN.newPhone);
		await click('volunteer-submit');

		await waitForHeading(`${CITIZEN.surname} ${CITIZEN.given}`);
		await waitForText('volunteer-phone', CITIZEN.newPhoneE164);
		const update = await $('[data-testid="history-row"][data-action="volunteer.update"]');
		await update.waitForDisplayed();
		const text = await update.getText();
		expect(text).toContain(t('en', 'history.volunteer_update'));
		expect(text).toContain('phone');
		expect(text).toContain(CITIZEN.phoneE164);
		expect(text).toContain(CITIZEN.newPhoneE164);
		// The status is untouched by a correction.
		await waitForText('volunteer-status', t('en', 'status.enrolled'));
	});

	it('closes the stateless applicant\'s record with a discharge date typed as dd.MM.yyyy', async () => {
		await click('nav-volunteers-list');
		await waitForHeading(t('en', 'volunteers.title'));
		await searchFinds('petrova', STATELESS.surname, CITIZEN.surname);
		await click('volunteer-open');
		await waitForHeading(`${STATELESS.surname} ${STATELESS.given}`);
		await click('volunteer-discharge');
		await (await byTestId('discharge-dialog')).waitForDisplayed();
		// The dialog proposes today's date; a date that does not exist is caught as typed.
		const today = await (await $('#discharge-date')).getValue();
		expect(today).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
		await fill('discharge-date', '31.02.2026');
		await fill('discharge-reason', 'Does not meet the citizenship rule');
		await click('discharge-submit');
		await waitForText('discharge-date-error', t('en', 'rule.invalid_date'));
		await fill('discharge-date', today);
		await click('discharge-submit');
		await waitForText('volunteer-status', t('en', 'status.discharged'));
		const info = await byTestId('discharge-info');
		expect(await info.getText()).toContain(today);
		expect(await info.getText()).toContain('Does not meet the citizenship rule');
		await expect(byTestId('volunteer-enrol')).not.toBeExisting();
	});

	it('shows a viewer the registry without any write action', async () => {
		await click('nav-admin-users');
		await waitForHeading(t('en', 'users.title'));
		await fill('username', VIEWER.username);
		await fill('display-name', VIEWER.name);
		await (await $('#role')).selectByAttribute('value', 'viewer');
		await fill('password', VIEWER.temp);
		await click('new-user-submit');
		await (await byTestId(`user-row-${VIEWER.username}`)).waitForDisplayed();
		await click('sign-out');
		await fill('username', VIEWER.username);
		await fill('password', VIEWER.temp);
		await click('sign-in-submit');
		await fill('current-password', VIEWER.temp);
		await fill('new-password', VIEWER.password);
		await fill('password-repeat', VIEWER.password);
		await click('change-password-submit');
		await (await byTestId('nav-volunteers')).waitForDisplayed();

		await click('nav-volunteers-list');
		await waitForHeading(t('en', 'volunteers.title'));
		await browser.waitUntil(async () => (await rowTexts()).length === 2, { timeoutMsg: 'the viewer does not see both volunteers' });
		await expect(byTestId('volunteer-new')).not.toBeExisting();
		await searchFinds('alikhan', CITIZEN.surname, STATELESS.surname);
		await click('volunteer-open');
		await waitForHeading(`${CITIZEN.surname} ${CITIZEN.given}`);
		await (await byTestId('volunteer-status')).waitForDisplayed();
		for (const action of ['volunteer-edit', 'volunteer-enrol', 'volunteer-discharge']) {
			await expect(byTestId(action)).not.toBeExisting();
		}
	});
});
