import { randomUUID } from 'node:crypto';
import { HttpError } from '../http/errors.ts';
import type { Store, UserRow } from '../store/types.ts';
import { hashPassword, randomSecret, sha256, verifyPassword } from './passwords.ts';

const SESSION_DAYS = 30;

export type PublicUser = Omit<UserRow, 'passwordHash'>;
export const publicUser = ({ passwordHash: _hash, ...u }: UserRow): PublicUser => u;

/** Users, sessions and API keys. */
export class AuthService {
  constructor(private readonly store: Store, private readonly now: () => number) {}

  /** Checks the password and opens a session; returns the cookie token (only its hash is stored). */
  async login(email: string, password: string): Promise<{ token: string; user: PublicUser; maxAge: number }> {
    const user = await this.store.read.getUserByEmail(email);
    // verify even for an unknown email, so timing does not tell which emails exist
    const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA');
    if (!user || !ok) throw new HttpError(401, 'wrong email or password');
    const token = randomSecret(32);
    const maxAge = SESSION_DAYS * 86_400;
    await this.store.transaction((tx) => tx.insertSession({ id: sha256(token), userId: user.id, expiresAt: Date.now() + maxAge * 1000 }));
    return { token, user: publicUser(user), maxAge };
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.store.transaction((tx) => tx.deleteSession(sha256(token)));
  }

  async createUser(u: { email: string; name: string; role: UserRow['role']; teams?: string[]; password: string }): Promise<PublicUser> {
    const row: UserRow = { id: randomUUID(), email: u.email.toLowerCase(), name: u.name, role: u.role, teams: u.teams ?? [], passwordHash: await hashPassword(u.password), createdAt: this.now() };
    await this.store.transaction(async (tx) => {
      if (await tx.getUserByEmail(row.email)) throw new HttpError(409, `email: a user with "${row.email}" exists`);
      await tx.insertUser(row);
    });
    return publicUser(row);
  }

  /** Creates an API key for a user; the key is shown once, only its hash is kept. */
  async createApiKey(userId: string, name: string, key = `vk_${randomSecret(24)}`): Promise<string> {
    await this.store.transaction((tx) => tx.insertApiKey({ id: randomUUID(), userId, name, hash: sha256(key), createdAt: this.now() }));
    return key;
  }

  async users(): Promise<PublicUser[]> {
    return (await this.store.read.listUsers()).map(publicUser);
  }
}
