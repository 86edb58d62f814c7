/*
 * kernel/common/os/pgrp.ts — process groups and sessions (uts/common/os/pgrp.c, session.c),
 * as far as fork (pgjoin), waitpid(0 / -pgid) and pgrpsys (getpgrp, setpgrp, getsid, setsid,
 * getpgid, setpgid) need. Caller holds pidlock for every membership change.
 */

import { Pgrp, Sess, type Proc } from '../sys/proc.ts';
import { ASSERT } from '../sys/debug.ts';
import { curkernel_or_null } from './kglobals.ts';

/** pgjoin — make p a member of process group pg (leaving its old one). Caller holds pidlock. */
export function pgjoin(p: Proc, pg: Pgrp | null): void {
  ASSERT(curkernel_or_null()?.pidlock_held() ?? true, 'pgjoin: pidlock not held');
  if (p.p_pgidp === pg) return;
  if (p.p_pgidp) {
    const m = p.p_pgidp.pg_members;
    const i = m.indexOf(p);
    if (i >= 0) m.splice(i, 1);
  }
  p.p_pgidp = pg;
  if (pg) pg.pg_members.push(p);
}

/** A new process group led by p (pgid = pid). */
export function pgcreate(p: Proc): Pgrp {
  const pg = new Pgrp(p.p_pid);
  pgjoin(p, pg);
  return pg;
}

/** A new session led by p, in a new process group. */
export function sesscreate(p: Proc): void {
  if (p.p_sessp) p.p_sessp.s_ref--;
  p.p_sessp = new Sess(p.p_pid);
  p.p_sessp.s_ref++;
  pgcreate(p);
}
