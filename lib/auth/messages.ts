// Deliberately generic: the login form never says whether the email exists or the account is disabled.
export const WRONG_CREDENTIALS = "Wrong email or password";
export const TOO_MANY_ATTEMPTS = "Too many attempts, try again later";
