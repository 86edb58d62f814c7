/*
 * test/kernel/common/syscall/lwp_signal.test.ts — lwp_kill (163) and sigtimedwait (144) as the
 * kernel answers them: posix_cancel runs with a syscall trace, and the trace shows pthread_kill
 * and pthread_cancel as lwp_kill calls (signal 36 = SIGCANCEL for a cancel, ESRCH for an exited
 * lwp, EINVAL for a bad signal) and sigtimedwait returning a signal number, EAGAIN at a timeout.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT } from '../../../../boot/boot.ts';
import { sysent_row } from '../../../../kernel/common/syscall/sysent.ts';

describe('kernel/common/syscall lwp_kill and sigtimedwait', () => {
  it('has the 2006 numbers', () => {
    expect(sysent_row(163)?.name).to.equal('lwp_kill');
    expect(sysent_row(144)?.name).to.equal('sigtimedwait');
  });

  it('answers posix_cancel\'s calls', () => {
    const image = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', 'sparc', 'posix_cancel')));
    const lines: string[] = [];
    const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, maxCycles: 2_000_000_000,
      traceSyscalls: (l) => lines.push(l) }, image, ['posix_cancel']);
    const out = r.machine.console.output();
    expect(r.status, out).to.equal(0);
    const t = lines.join('\n');
    expect(t).to.match(/lwp_kill\(\d+, 36\)\t= 0/);                 // pthread_cancel → SIGCANCEL
    expect(t).to.match(/lwp_kill\(\d+, 16\)\t= 0/);                 // pthread_kill(t, SIGUSR1)
    expect(t).to.match(/lwp_kill\(\d+, 16\)\t= Err#3 ESRCH/);       // ... once it has exited
    expect(t).to.match(/lwp_kill\(\d+, 99\)\t= Err#22 EINVAL/);
    expect(t).to.match(/sigtimedwait\([^)]*\)\t= 17/);               // SIGUSR2 accepted
    expect(t).to.match(/sigtimedwait\([^)]*\)\t= Err#11 EAGAIN/);    // the timeouts
    expect(t).to.match(/sigtimedwait\([^)]*\)\t= 18/);               // a blocked SIGCHLD
  });
});
