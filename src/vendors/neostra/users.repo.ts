import type { Db } from '../../store/db'
import type { TenantRef } from './workflow.schemas'

/** A user as stored: the fixture's record with the password hashed and tenants spelt out. */
export interface StoredUser {
  id: string
  email: string
  name: string
  passwordHash: string
  roles: string[]
  tenants: TenantRef[] | '*'
}

interface UserRow { tenant: string, id: string, email: string, name: string, password_hash: string, roles: string, tenants: string }
const toUser = (r: UserRow): StoredUser => ({
  id: r.id, email: r.email, name: r.name, passwordHash: r.password_hash, roles: JSON.parse(r.roles), tenants: JSON.parse(r.tenants)
})

/** Neostra's users (sign-in accounts), brought by each tenant's fixture. */
export function createUsersRepo (db: Db) {
  const q = {
    list: db.prepare<[string], UserRow>('SELECT * FROM neostra_users WHERE tenant = ? ORDER BY rowid'),
    // the `default` tenant's users first, then others in the order they were loaded
    byEmail: db.prepare<[string], UserRow>(`SELECT * FROM neostra_users WHERE email = ?
      ORDER BY tenant = 'default' DESC, rowid LIMIT 1`),
    insert: db.prepare(`INSERT INTO neostra_users (tenant, id, email, name, password_hash, roles, tenants)
      VALUES (@tenant, @id, @email, @name, @passwordHash, @roles, @tenants)`),
    clear: db.prepare<[string]>('DELETE FROM neostra_users WHERE tenant = ?')
  }
  return {
    list: (tenant: string) => q.list.all(tenant).map(toUser),
    /** The account signing in by this email (case-insensitive), from whichever tenant's fixture holds it. */
    byEmail: (email: string) => { const r = q.byEmail.get(email); return r && toUser(r) },
    insert: (tenant: string, u: StoredUser) =>
      q.insert.run({ tenant, ...u, roles: JSON.stringify(u.roles), tenants: JSON.stringify(u.tenants) }),
    clear: (tenant: string) => { q.clear.run(tenant) }
  }
}
export type UsersRepo = ReturnType<typeof createUsersRepo>
