export interface Session {
  id: string
  user: string
  expiresAt: number
  data: Record<string, unknown>
}

/**
 * An in-memory session store. `touch` records every access for an activity feed... and never
 * trims it: that is the leak the tests below catch. `FixedSessionStore` keeps the last 100.
 */
export class SessionStore {
  protected readonly sessions = new Map<string, Session>()
  protected readonly activity: { id: string; at: number }[] = []
  #next = 0

  open(user: string): Session {
    const session = { id: `s${this.#next++}`, user, expiresAt: Date.now() + 60_000, data: {} }
    this.sessions.set(session.id, session)
    return session
  }

  close(id: string): void {
    this.sessions.delete(id)
  }

  touch(id: string): void {
    this.activity.push({ id, at: Date.now() })
  }
}

export class FixedSessionStore extends SessionStore {
  override touch(id: string): void {
    super.touch(id)
    if (this.activity.length > 100) this.activity.shift()
  }
}
