import { LOGIN_WINDOW_MINUTES } from "./login-throttle";

// Deliberately generic: the login form never says whether the email exists or the account is disabled.
export const WRONG_CREDENTIALS = "Wrong email or password";
// How long, and the way out that lifts the lock at once (a new password clears it): not "later".
export const TOO_MANY_ATTEMPTS = `Too many attempts: try again in ${LOGIN_WINDOW_MINUTES} minutes, or choose a new password with "Forgot password?"`;
