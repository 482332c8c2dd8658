// Per-form state: which fields were touched, server-side field errors, a form-level error,
// and the busy flag. Client problems are passed in (derived from the values by the form).
import { tick } from 'svelte';
import { ApiError, toAppError } from './api';
import type { AppError, FieldError } from './bindings';
import type { Problem } from './validation';

export async function focusById(id: string, select = false): Promise<void> {
	await tick();
	const el = document.getElementById(id);
	if (el instanceof HTMLElement) {
		el.focus();
		if (select && el instanceof HTMLInputElement) el.select();
	}
}

export class Form<F extends string> {
	/** Field name → input id, in tab order (the first invalid one gets focus). */
	readonly ids: Record<F, string>;
	/** Id of the element that shows form-level errors. */
	readonly errorId: string;

	touched = $state<Partial<Record<F, boolean>>>({});
	/** Fields the user has typed in (or changed) since the last reset. */
	dirty = $state<Partial<Record<F, boolean>>>({});
	server = $state<Partial<Record<F, FieldError>>>({});
	submitted = $state(false);
	busy = $state(false);
	/** A non-field error, or a validation error whose fields we do not show. */
	error = $state<AppError | null>(null);
	/** Field errors for fields this form does not have. */
	extra = $state<FieldError[]>([]);

	constructor(ids: Record<F, string>, errorId: string) {
		this.ids = ids;
		this.errorId = errorId;
	}

	/**
	 * The user left a field (blur). Once a field has been edited and left, its problems
	 * show and update as the user types. Tabbing through an untouched field flags nothing.
	 */
	touch(field: F): void {
		if (this.dirty[field]) this.touched[field] = true;
	}

	/** The user edited a field: a server error about its old value no longer applies. */
	edited(field: F): void {
		this.dirty[field] = true;
		if (this.server[field]) delete this.server[field];
	}

	/** The problem to show next to a field, if any. */
	shown(field: F, client: Problem | null | undefined): Problem | FieldError | null {
		const server = this.server[field];
		if (server) return server;
		return this.touched[field] || this.submitted ? (client ?? null) : null;
	}

	reset(): void {
		this.touched = {};
		this.dirty = {};
		this.server = {};
		this.submitted = false;
		this.error = null;
		this.extra = [];
	}

	/**
	 * Runs `action` unless the client problems block it. Returns true on success.
	 * On failure, focuses the first invalid field, or the form-level error.
	 */
	async submit(
		problems: Partial<Record<F, Problem>>,
		action: () => Promise<void>,
		options: { focusOnError?: string } = {}
	): Promise<boolean> {
		if (this.busy) return false;
		this.submitted = true;
		this.error = null;
		this.extra = [];
		const order = Object.keys(this.ids) as F[];
		const firstClient = order.find((f) => problems[f]);
		if (firstClient) {
			await focusById(this.ids[firstClient]);
			return false;
		}
		this.busy = true;
		try {
			await action();
			return true;
		} catch (e) {
			const error = e instanceof ApiError ? e.error : toAppError(e);
			this.server = {};
			if (error.code === 'validation' && error.fields.length > 0) {
				const extra: FieldError[] = [];
				for (const fe of error.fields) {
					if (Object.hasOwn(this.ids, fe.field)) {
						const f = fe.field as F;
						if (!this.server[f]) this.server[f] = fe;
					} else extra.push(fe);
				}
				this.extra = extra;
				if (extra.length > 0) {
					this.error = error;
					await focusById(this.errorId);
				} else {
					const first = order.find((f) => this.server[f]);
					if (first) await focusById(this.ids[first]);
				}
			} else {
				this.error = error;
				await focusById(options.focusOnError ?? this.errorId, !!options.focusOnError);
			}
			return false;
		} finally {
			this.busy = false;
		}
	}
}
