// Client-side checks, run as the user types. They mirror the backend's rules (which
// remain authoritative) and produce problems with the same rule names and params.

export type Problem = { rule: string; params: { [key in string]?: string } };

export const LIMITS = {
	usernameMax: 64,
	usernameMin: 3,
	nameMax: 200,
	passwordMin: 12,
	idleMin: 1,
	idleMax: 480
} as const;

const USERNAME_RE = /^[a-z0-9._-]+$/;

const p = (rule: string, params: Problem['params'] = {}): Problem => ({ rule, params });

export function required(value: string | null | undefined): Problem | null {
	return value === null || value === undefined || value.trim() === '' ? p('required') : null;
}

/** Username as typed when signing in: only presence and length. */
export function signInUsername(value: string): Problem | null {
	return required(value) ?? maxLength(value, LIMITS.usernameMax);
}

/** Username for a new account: presence, length and allowed characters. */
export function newUsername(value: string): Problem | null {
	const missing = required(value);
	if (missing) return missing;
	const tooLong = maxLength(value, LIMITS.usernameMax);
	if (tooLong) return tooLong;
	if (value.length < LIMITS.usernameMin || !USERNAME_RE.test(value)) return p('username_format');
	return null;
}

export function maxLength(value: string, max: number): Problem | null {
	return [...value].length > max ? p('too_long', { max: String(max) }) : null;
}

/** A display name or a district name. */
export function name(value: string, isRequired = true): Problem | null {
	if (isRequired) {
		const missing = required(value);
		if (missing) return missing;
	}
	return maxLength(value.trim(), LIMITS.nameMax);
}

/** A new (or temporary) password. */
export function newPassword(password: string, username: string): Problem | null {
	if (password === '') return p('required');
	if ([...password].length < LIMITS.passwordMin) {
		return p('password_too_short', { min: String(LIMITS.passwordMin) });
	}
	if (username.trim() !== '' && password.trim().toLowerCase() === username.trim().toLowerCase()) {
		return p('password_equals_username');
	}
	return null;
}

export function repeat(password: string, again: string): Problem | null {
	if (again === '') return p('required');
	return password === again ? null : p('repeat_mismatch');
}

export function intInRange(value: string | number, min: number, max: number): Problem | null {
	const text = String(value).trim();
	if (text === '') return p('required');
	const n = Number(text);
	if (!Number.isInteger(n) || n < min || n > max) {
		return p('out_of_range', { min: String(min), max: String(max) });
	}
	return null;
}

/** Keeps only the fields that have a problem. */
export function collect<F extends string>(
	problems: Record<F, Problem | null>
): Partial<Record<F, Problem>> {
	const out: Partial<Record<F, Problem>> = {};
	for (const key of Object.keys(problems) as F[]) {
		const problem = problems[key];
		if (problem) out[key] = problem;
	}
	return out;
}

/** The IIN/BIN check digit over the first 11 digits, or null when the number cannot have one. */
export function iinCheckDigit(first11: string): number | null {
	const d = [...first11].map(Number);
	const pass = (weights: number[]) => d.reduce((sum, x, i) => sum + x * weights[i], 0) % 11;
	const first = pass([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
	if (first !== 10) return first;
	const second = pass([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
	return second === 10 ? null : second;
}

/** An IIN as typed: 12 digits with a correct check digit (the backend's rule keys). */
export function iin(value: string): Problem | null {
	const text = value.trim();
	if (text === '') return p('required');
	if ([...text].length !== 12) return p('iin_length', { length: '12' });
	if (!/^[0-9]{12}$/.test(text)) return p('iin_digits');
	return iinCheckDigit(text.slice(0, 11)) === Number(text[11]) ? null : p('iin_check_digit');
}

/** A date typed as dd.MM.yyyy (`parse` turns it into yyyy-mm-dd or null). */
export function localDate(
	value: string,
	parse: (text: string) => string | null,
	options: { required?: boolean; notAfter?: string; futureRule?: string } = {}
): Problem | null {
	if (value.trim() === '') return options.required ? p('required') : null;
	const iso = parse(value);
	if (!iso) return p('invalid_date');
	if (options.notAfter && iso > options.notAfter) return p(options.futureRule ?? 'date_future');
	return null;
}

/** A Kazakh phone number as people write it (the backend normalises it to +77XXXXXXXXX). */
export function phone(value: string): Problem | null {
	const text = value.trim();
	if (text === '') return p('required');
	if (!/^\+?[0-9 ()\-.\u00a0]+$/.test(text) || text.indexOf('+') > 0) return p('phone_format');
	const digits = text.replace(/\D/g, '');
	const plus = text.startsWith('+');
	let national: string | null = null;
	if (plus && digits.length === 11 && digits.startsWith('7')) national = digits.slice(1);
	else if (!plus && digits.length === 11 && /^[78]/.test(digits)) national = digits.slice(1);
	else if (!plus && digits.length === 10) national = digits;
	return national && national.startsWith('7') ? null : p('phone_format');
}

/** An optional e-mail address: a light check, the backend decides. */
export function email(value: string): Problem | null {
	const text = value.trim();
	if (text === '') return null;
	return maxLength(text, 254) ?? (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? null : p('email'));
}
