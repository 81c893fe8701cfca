import { randomBytes } from 'node:crypto';
import { QboClock } from './qbo-clock';

export const ACCESS_TOKEN_SECONDS = 3600;
/** 101 days, rolling (../shared/reference/qbo-api.md §2.2). */
export const REFRESH_TOKEN_SECONDS = 8_726_400;
/** A superseded refresh token still works this long (§2.3). */
export const REFRESH_GRACE_SECONDS = 24 * 3600;
/** UNVERIFIED (Appendix A.1): a code lives minutes and is single-use; 5 minutes here. */
export const CODE_SECONDS = 300;
const HARD_CAP_SECONDS = 5 * 365 * 86_400;

interface Code {
  readonly realmId: string;
  readonly redirectUri: string;
  readonly expiresAt: number;
  used: boolean;
}
interface Access {
  readonly realmId: string;
  expiresAt: number;
  readonly chain: string;
}
interface Refresh {
  readonly realmId: string;
  readonly expiresAt: number;
  readonly chain: string;
  readonly hardExpiresAt: number;
  supersededAt?: number;
}

export interface TokenAnswer {
  readonly token_type: 'bearer';
  readonly access_token: string;
  readonly expires_in: number;
  readonly refresh_token: string;
  readonly x_refresh_token_expires_in: number;
  readonly x_refresh_token_hard_expires_in?: number;
}

export type AccessCheck = { ok: true } | { ok: false; detail: string };

/** Authorization codes, access tokens and rotating refresh tokens, on simulated time. */
export class TokenStore {
  private readonly codes = new Map<string, Code>();
  private readonly access = new Map<string, Access>();
  private readonly refreshTokens = new Map<string, Refresh>();
  private readonly revokedChains = new Set<string>();

  constructor(private readonly clock: QboClock) {}

  issueCode(realmId: string, redirectUri: string): string {
    const code = `AB11${randomBytes(24).toString('base64url')}`;
    this.codes.set(code, { realmId, redirectUri, expiresAt: this.nowMs() + CODE_SECONDS * 1000, used: false });
    return code;
  }

  /** A code once, before it expires, with the redirect_uri it was issued for; else undefined (invalid_grant). */
  redeemCode(code: string, redirectUri: string | undefined, hardExpiry: boolean): TokenAnswer | undefined {
    const entry = this.codes.get(code);
    if (!entry || entry.used || entry.expiresAt <= this.nowMs() || entry.redirectUri !== redirectUri) return undefined;
    entry.used = true;
    const chain = randomBytes(8).toString('hex');
    return this.issue(entry.realmId, chain, this.nowMs() + HARD_CAP_SECONDS * 1000, hardExpiry);
  }

  /** Rotation: each refresh answers a new refresh token; the one used stays valid 24 h more. */
  refresh(token: string, hardExpiry: boolean): TokenAnswer | undefined {
    const entry = this.refreshTokens.get(token);
    const now = this.nowMs();
    if (!entry || this.revokedChains.has(entry.chain) || entry.expiresAt <= now || entry.hardExpiresAt <= now) return undefined;
    if (entry.supersededAt !== undefined && entry.supersededAt + REFRESH_GRACE_SECONDS * 1000 <= now) return undefined;
    entry.supersededAt ??= now;
    return this.issue(entry.realmId, entry.chain, entry.hardExpiresAt, hardExpiry);
  }

  realmOfRefresh(token: string): string | undefined {
    return this.refreshTokens.get(token)?.realmId;
  }

  check(token: string | undefined, realmId: string): AccessCheck {
    const entry = token ? this.access.get(token) : undefined;
    if (!token || !entry || this.revokedChains.has(entry.chain))
      return { ok: false, detail: 'Malformed bearer token or the token is not valid for this company' };
    if (entry.realmId !== realmId) return { ok: false, detail: `Token is not valid for company ${realmId}` };
    if (entry.expiresAt <= this.nowMs()) return { ok: false, detail: `Token expired: ${token.slice(0, 12)}…` };
    return { ok: true };
  }

  /** faults.expireAccessTokens(): every access token issued so far is now expired. */
  expireAllAccess(): void {
    const now = this.nowMs();
    for (const entry of this.access.values()) entry.expiresAt = Math.min(entry.expiresAt, now);
  }

  /** Revoking either token disconnects the app: its whole chain dies (UNVERIFIED for access tokens, A.2). */
  revoke(token: string): boolean {
    const chain = this.refreshTokens.get(token)?.chain ?? this.access.get(token)?.chain;
    if (chain) this.revokedChains.add(chain);
    return chain !== undefined;
  }

  private issue(realmId: string, chain: string, hardExpiresAt: number, hardExpiry: boolean): TokenAnswer {
    const now = this.nowMs();
    const accessToken = `eyJ${randomBytes(48).toString('base64url')}`;
    const refreshToken = `RT1-${randomBytes(6).toString('hex')}-${randomBytes(18).toString('base64url')}`;
    this.access.set(accessToken, { realmId, expiresAt: now + ACCESS_TOKEN_SECONDS * 1000, chain });
    const refreshExpiresAt = Math.min(now + REFRESH_TOKEN_SECONDS * 1000, hardExpiresAt);
    this.refreshTokens.set(refreshToken, { realmId, expiresAt: refreshExpiresAt, chain, hardExpiresAt });
    return {
      token_type: 'bearer',
      access_token: accessToken,
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken,
      x_refresh_token_expires_in: Math.floor((refreshExpiresAt - now) / 1000),
      ...(hardExpiry ? { x_refresh_token_hard_expires_in: Math.floor((hardExpiresAt - now) / 1000) } : {}),
    };
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }
}
