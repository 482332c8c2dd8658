// The foundation flow, run in order against a fresh database:
// first-run setup → languages → districts → users → forced password change →
// operator permissions → account lockout.
import { $, $$, browser, expect } from '@wdio/globals';
import { ADMIN, byTestId, chooseOption, click, DISTRICT, fill, REGION_EN, t, waitForHeading } from '../support';

const OPERATOR = {
	username: 'op.akmola',
	name: 'Әйгерім Нұрланқызы',
	temp: 'Temporary-Akmola-77',
	password: 'Operator-Strong-Pass-26'
};

/** Client-side navigation to a path that the navigation may not offer (SvelteKit intercepts the click). */
async function navigateInApp(path: string) {
	await browser.execute((p: string) => {
		const a = document.createElement('a');
		a.href = p;
		document.body.appendChild(a);
		a.click();
		a.remove();
	}, path);
}

async function signIn(username: string, password: string) {
	await fill('username', username);
	await fill('password', password);
	await click('sign-in-submit');
}

async function alertText(): Promise<string> {
	return (await byTestId('alert')).getText();
}

describe('Jasaq foundation', () => {
	it('creates the first national administrator on first run', async () => {
		await (await byTestId('setup-form')).waitForDisplayed({ timeout: 60_000 });
		await fill('username', ADMIN.username);
		await fill('display-name', ADMIN.name);
		await fill('password', ADMIN.password);
		await fill('password-repeat', ADMIN.password);
		await click('setup-submit');
		await (await byTestId('nav-volunteers')).waitForDisplayed();
		await expect(byTestId('current-user')).toHaveText(expect.stringContaining(ADMIN.name));
		await expect(byTestId('sign-out')).toBeDisplayed();
	});

	it('switches between English, Russian and Kazakh', async () => {
		const nav = await byTestId('nav-volunteers');
		for (const lang of ['en', 'ru', 'kk', 'en'] as const) {
			await click(`lang-${lang}`);
			await browser.waitUntil(async () => (await nav.getText()) === t(lang, 'nav.volunteers'), {
				timeoutMsg: `navigation did not switch to ${lang}`
			});
			await expect(byTestId('sign-out')).toHaveText(t(lang, 'header.sign_out'));
			await expect(byTestId(`lang-${lang}`)).toHaveAttribute('aria-pressed', 'true');
		}
		expect(await browser.execute(() => document.documentElement.lang)).toBe('en');
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
		expect(await list.getText()).toContain(DISTRICT.kk);
	});

	it('creates a district operator with a temporary password', async () => {
		await click('nav-admin-users');
		await waitForHeading(t('en', 'users.title'));
		await (await byTestId(`user-row-${ADMIN.username}`)).waitForDisplayed();
		await fill('username', OPERATOR.username);
		await fill('display-name', OPERATOR.name);
		await (await $('#role')).selectByAttribute('value', 'district_operator');
		await chooseOption('region', REGION_EN);
		await chooseOption('district', DISTRICT.en);
		await fill('password', OPERATOR.temp);
		await click('new-user-submit');
		const row = await byTestId(`user-row-${OPERATOR.username}`);
		await row.waitForDisplayed();
		const text = await row.getText();
		expect(text).toContain(OPERATOR.name);
		expect(text).toContain(t('en', 'roles.district_operator'));
		expect(text).toContain(DISTRICT.en);
	});

	it('makes the new operator change the temporary password at first sign-in', async () => {
		await click('sign-out');
		await (await byTestId('sign-in-submit')).waitForDisplayed();
		await signIn(OPERATOR.username, OPERATOR.temp);
		await (await $('#current-password')).waitForDisplayed();
		await expect(byTestId('nav-volunteers')).not.toBeExisting();
		await fill('current-password', OPERATOR.temp);
		await fill('new-password', OPERATOR.password);
		await fill('password-repeat', OPERATOR.password);
		await click('change-password-submit');
		await (await byTestId('nav-volunteers')).waitForDisplayed();
		await expect(byTestId('current-role')).toHaveText(t('en', 'roles.district_operator'));
	});

	it('refuses user management to an operator and shows districts read-only', async () => {
		await expect(byTestId('nav-admin-users')).not.toBeExisting();
		await expect(byTestId('nav-admin-audit')).not.toBeExisting();
		await expect(byTestId('nav-admin-settings')).not.toBeExisting();

		// The navigation hides Users; the backend must refuse it anyway.
		await navigateInApp('/admin/users');
		await waitForHeading(t('en', 'users.title'));
		const refusal = await byTestId('page-error');
		await refusal.waitForDisplayed();
		await expect(refusal).toHaveText(t('en', 'error.role'));
		await expect(byTestId('new-user-submit')).not.toBeExisting();

		await click('nav-admin-districts');
		await waitForHeading(t('en', 'districts.title'));
		const list = await byTestId('district-list');
		await list.waitForDisplayed();
		await browser.waitUntil(async () => (await list.getText()).includes(DISTRICT.en), {
			timeoutMsg: 'the operator does not see the district'
		});
		await expect(byTestId('district-add-submit')).not.toBeExisting();
		expect(await $$('[data-testid="district-rename"]').length).toBe(0);
		expect(await $$('[data-testid="district-retire"]').length).toBe(0);
	});

	it('locks the account after repeated wrong passwords', async () => {
		await click('sign-out');
		await (await byTestId('sign-in-submit')).waitForDisplayed();
		const [before, after] = t('en', 'error.account_locked').split('{until}');
		const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const locked = new RegExp(`${escape(before)}\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}${escape(after)}`);
		const badCredentials = t('en', 'error.bad_credentials');

		let lockedAt = 0;
		for (let attempt = 1; attempt <= 6 && !lockedAt; attempt++) {
			// Attempts 1–5 use a wrong password; the 6th uses the right one and must still be refused.
			await signIn(OPERATOR.username, attempt <= 5 ? `wrong-password-${attempt}` : OPERATOR.password);
			await browser.waitUntil(async () => (await alertText()).trim() !== '', {
				timeoutMsg: `no message after attempt ${attempt}`
			});
			await (await byTestId('sign-in-submit')).waitForEnabled();
			const text = (await alertText()).trim();
			if (locked.test(text)) lockedAt = attempt;
			else expect(text).toBe(badCredentials);
		}
		expect(lockedAt).toBeGreaterThanOrEqual(5);
		await expect(byTestId('nav-volunteers')).not.toBeExisting();
	});
});
