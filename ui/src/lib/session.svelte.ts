// Application phase and the signed-in session, shared by the whole UI.
import { api, ApiError, toAppError } from './api';
import type { AppError, SessionInfo } from './bindings';

export type Phase = 'loading' | 'db_error' | 'setup' | 'sign_in' | 'ready';

/** What the sign-in screen explains on arrival. */
export type SignInNotice =
	| { kind: 'expired'; minutes: number }
	| { kind: 'error'; error: AppError };

const asAppError = (e: unknown): AppError => (e instanceof ApiError ? e.error : toAppError(e));

class AppState {
	phase = $state<Phase>('loading');
	startupError = $state<AppError | null>(null);
	session = $state<SessionInfo | null>(null);
	notice = $state<SignInNotice | null>(null);
	/** Increases at each sign-in, so pages can drop data of a previous user. */
	generation = $state(0);

	async start(): Promise<void> {
		this.phase = 'loading';
		this.startupError = null;
		let needsSetup: boolean;
		try {
			needsSetup = (await api.appStatus()).needs_setup;
		} catch (e) {
			this.startupError = asAppError(e);
			this.phase = 'db_error';
			return;
		}
		if (needsSetup) {
			this.phase = 'setup';
			return;
		}
		try {
			const session = await api.currentSession();
			if (session) this.signedIn(session);
			else this.phase = 'sign_in';
		} catch (e) {
			const error = asAppError(e);
			if (error.code === 'unauthenticated') {
				this.phase = 'sign_in';
			} else {
				this.startupError = error;
				this.phase = 'db_error';
			}
		}
	}

	signedIn(session: SessionInfo): void {
		this.session = session;
		this.notice = null;
		this.generation += 1;
		this.phase = 'ready';
	}

	update(session: SessionInfo): void {
		this.session = session;
	}

	/** The user asked to sign out. */
	async signOut(): Promise<void> {
		try {
			await api.signOut();
		} catch {
			// Already signed out on the backend; nothing else to do.
		}
		this.toSignIn(null);
	}

	/** No activity for the idle timeout: sign out and explain why. */
	async signOutIdle(): Promise<void> {
		const minutes = this.session?.idle_timeout_minutes ?? 0;
		try {
			await api.signOut();
		} catch {
			// The backend may have expired the session already.
		}
		this.toSignIn({ kind: 'expired', minutes });
	}

	/**
	 * A command was refused for a reason that concerns the whole session (it expired, the
	 * account was deactivated, or a password change is now required) while signed in.
	 */
	rejected(error: AppError): void {
		if (this.phase !== 'ready' || !this.session) return;
		if (error.code === 'unauthenticated') {
			if (error.reason === 'session_expired') {
				this.toSignIn({ kind: 'expired', minutes: this.session.idle_timeout_minutes });
			} else {
				this.toSignIn({ kind: 'error', error });
			}
		} else if (error.code === 'forbidden' && error.reason === 'account_inactive') {
			void api.signOut().catch(() => undefined);
			this.toSignIn({ kind: 'error', error });
		} else if (error.code === 'forbidden' && error.reason === 'password_change_required') {
			if (!this.session.must_change_password) {
				this.session = { ...this.session, must_change_password: true };
			}
		}
	}

	private toSignIn(notice: SignInNotice | null): void {
		this.session = null;
		this.notice = notice;
		this.phase = 'sign_in';
	}
}

export const app = new AppState();
