// The Bearer tokens issued by the OAuth endpoint and their expiry.
interface IssuedToken {
  consumerKey: string;
  expiresAtMs: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  issue(token: string, consumerKey: string, lifetimeSec: number, now: Date, revokeEarlier: boolean): void {
    if (revokeEarlier) {
      for (const [old, issued] of this.tokens)
        if (issued.consumerKey === consumerKey) this.tokens.delete(old);
    }
    this.tokens.set(token, { consumerKey, expiresAtMs: now.getTime() + lifetimeSec * 1000 });
  }

  isValid(token: string, now: Date): boolean {
    const issued = this.tokens.get(token);
    return issued !== undefined && issued.expiresAtMs > now.getTime();
  }

  expireAll(now: Date): void {
    for (const issued of this.tokens.values())
      issued.expiresAtMs = Math.min(issued.expiresAtMs, now.getTime());
  }
}
