/*
 * kernel/common/os/ipc.ts — what the System V IPC facilities share (uts/common/os/ipc.c): here
 * ipc_ids, the copyout behind shmids(2) and semids(2). Leaves out the rest of ipc.c (the id
 * spaces and permission checks live with each facility, shm.ts and sem.ts).
 */

import type { As } from '../vm/vm_as.ts';
import { EFAULT } from '../sys/errno.ts';
import { suword32 } from './copy.ts';

/**
 * ipc_ids — shmids/semids(buf, nids, pnids): store the number of live ids at pnids and, when
 * they fit in nids words, the ids themselves at buf. Returns 0 or EFAULT.
 */
export function ipc_ids(as: As, ids: readonly number[], buf: number, nids: number, pnids: number): number {
  if (suword32(as, pnids >>> 0, ids.length) !== 0) return EFAULT;
  if (ids.length <= nids >>> 0) {
    for (let i = 0; i < ids.length; i++) if (suword32(as, ((buf >>> 0) + 4 * i) >>> 0, ids[i]) !== 0) return EFAULT;
  }
  return 0;
}
