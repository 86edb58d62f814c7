/*
 * test/kernel/common/os/sig.test.ts — kernel/common/os/sig.ts on bare Proc/KThread objects (no
 * machine): default actions, posting (discarding ignored signals, keeping blocked ones pending,
 * SIGKILL), waking an interruptible sleeper, issig, sigaction bookkeeping (setsigact, p_ignore,
 * sigdefault, sigexec), psig's handler path through a fake SigMd (masks, SA_NODEFER,
 * SA_RESETHAND, sigsuspend's old mask, a frame that cannot be built), trapsig's siginfo,
 * ERESTART, and the 32-bit siginfo layout.
 */

import { expect } from 'chai';
import { Proc, SKILLED, SVFWAIT } from '../../../../kernel/common/sys/proc.ts';
import { KThread, TS_SLEEP, TS_RUN } from '../../../../kernel/common/sys/thread.ts';
import { KCondvar } from '../../../../kernel/common/sys/condvar.ts';
import { set_current } from '../../../../kernel/common/os/kglobals.ts';
import type { Kernel } from '../../../../kernel/common/os/main.ts';
import * as S from '../../../../kernel/common/sys/signal.ts';
import { EINTR, ERESTART, EBADF } from '../../../../kernel/common/sys/errno.ts';
import {
  sigmask, sigismember, sig_default_action, sigtoproc, tsignal, sigcld, issig, psig, trapsig,
  setsigact, getsigact, sigdefault, sigexec, sig_ignored, sig_check_restart, sig_set_oldmask,
  sigpending_set, siginfo_encode, sig_md_register, lwp_oldcontext, CANTMASK, FILLSET,
  SIG_DFL, SIG_IGN, SA_NODEFER, SA_RESETHAND, SA_RESTART, SA_SIGINFO, SI_USER, SI_NOINFO,
  SEGV_MAPERR, sig_set_waitset, sigdeq, type SigInfo, type SigMd,
} from '../../../../kernel/common/os/sig.ts';

interface Delivery { sig: number; info: SigInfo | null; handler: number; oldmask: bigint; link: number }

const deliveries: Delivery[] = [];
let frameOk = true;
let nextUc = 0x1000;
const fakeMd: SigMd = {
  sendsig(_t, _cpu, sig, info, handler, oldmask, link) {
    if (!frameOk) return 0;
    deliveries.push({ sig, info, handler, oldmask, link });
    return (nextUc += 0x200);
  },
  getcontext() { return 0; },
  setcontext() { return { error: 0, sigmask: null, link: 0, ret: { error: 0, rval1: 0 } }; },
  littleEndian: false,
  user_pc() { return 0x10000; },
};
sig_md_register('sigtest', fakeMd);

const woken: KThread[] = [];
const fakeKernel = {
  md: { isa: 'sigtest' },
  machine: { cpus: [{}] },
  disp: { setrun(t: KThread) { t.t_state = TS_RUN; woken.push(t); } },
} as unknown as Kernel;

function mkproc(pid: number, nthreads = 1): { p: Proc; t: KThread[] } {
  const p = new Proc(pid);
  const ts: KThread[] = [];
  for (let i = 0; i < nthreads; i++) {
    const t = new KThread(pid * 10 + i, i + 1, p, null);
    t.t_cpu = 0;
    p.p_threads.push(t);
    ts.push(t);
  }
  return { p, t: ts };
}

/** Drive a generator that must not block. */
function run(g: Generator<unknown, void, unknown>): void {
  for (let r = g.next(); !r.done; r = g.next()) expect.fail(`blocked: yielded ${String(r.value)}`);
}

describe('sig: signal sets and default actions', () => {
  it('maps signal n to bit n-1, and keeps SIGKILL/SIGSTOP out of masks', () => {
    expect(sigmask(1)).to.equal(1n);
    expect(sigmask(S.SIGUSR1)).to.equal(1n << 15n);
    expect(sigismember(sigmask(33), 33)).to.equal(true);
    expect(sigismember(CANTMASK, S.SIGKILL) && sigismember(CANTMASK, S.SIGSTOP)).to.equal(true);
    expect(sigismember(FILLSET, S.MAXSIG)).to.equal(true);
    expect(sigismember(FILLSET, S.MAXSIG + 1)).to.equal(false);
  });
  it('has the Solaris default actions', () => {
    expect(sig_default_action(S.SIGSEGV)).to.equal('core');
    expect(sig_default_action(S.SIGQUIT)).to.equal('core');
    expect(sig_default_action(S.SIGTERM)).to.equal('term');
    expect(sig_default_action(S.SIGUSR1)).to.equal('term');
    expect(sig_default_action(S.SIGALRM)).to.equal('term');
    expect(sig_default_action(S.SIGCHLD)).to.equal('ignore');
    expect(sig_default_action(S.SIGWINCH)).to.equal('ignore');
    expect(sig_default_action(S.SIGTSTP)).to.equal('stop');
    expect(sig_default_action(S.SIGCONT)).to.equal('cont');
  });
});

describe('sig: posting', () => {
  beforeEach(() => { woken.length = 0; deliveries.length = 0; frameOk = true; });
  afterEach(() => set_current(null, null));

  it('discards a signal the process ignores unless a thread holds it', () => {
    const { p, t: [t] } = mkproc(5);
    sigtoproc(p, null, S.SIGCHLD);                    // SIG_DFL, default ignore
    expect(p.p_sig).to.equal(0n);
    setsigact(p, S.SIGUSR1, SIG_IGN, 0n, 0);
    sigtoproc(p, null, S.SIGUSR1);
    expect(p.p_sig).to.equal(0n);
    t.t_hold = sigmask(S.SIGUSR1);
    sigtoproc(p, null, S.SIGUSR1);
    expect(sigismember(p.p_sig, S.SIGUSR1)).to.equal(true);
    // Still ignored when it becomes deliverable: issig drops it.
    t.t_hold = 0n;
    expect(issig(t)).to.equal(false);
    expect(p.p_sig).to.equal(0n);
  });

  it('keeps a blocked signal pending and reports it when unblocked', () => {
    const { p, t: [t] } = mkproc(6);
    setsigact(p, S.SIGUSR2, 0x10000, 0n, 0);
    t.t_hold = sigmask(S.SIGUSR2);
    sigtoproc(p, null, S.SIGUSR2, { si_signo: S.SIGUSR2, si_code: SI_USER, si_errno: 0, si_pid: 9 });
    expect(issig(t)).to.equal(false);
    expect(sigismember(sigpending_set(t), S.SIGUSR2)).to.equal(true);
    t.t_hold = 0n;
    expect(issig(t)).to.equal(true);
  });

  it('ignores signal 0 and out-of-range numbers, and zombies', () => {
    const { p } = mkproc(7);
    sigtoproc(p, null, 0);
    sigtoproc(p, null, S.MAXSIG + 1);
    expect(p.p_sig).to.equal(0n);
    p.p_stat = 3; // SZOMB
    sigtoproc(p, null, S.SIGTERM);
    expect(p.p_sig).to.equal(0n);
  });

  it('lets SIGKILL through any mask and marks the process SKILLED', () => {
    const { p, t: [t] } = mkproc(8);
    t.t_hold = FILLSET;
    sigtoproc(p, null, S.SIGKILL);
    expect(p.p_flag & SKILLED).to.not.equal(0);
    expect(issig(t)).to.equal(true);
  });

  it('wakes a thread in an interruptible sleep that does not hold the signal', () => {
    const { p, t: [a, b] } = mkproc(9, 2);
    set_current(fakeKernel, a);
    const cv = new KCondvar('test');
    for (const t of [a, b]) { t.t_state = TS_SLEEP; t.t_sigsleep = true; t.t_cv = cv; cv.cv_waiters.push(t); }
    a.t_hold = sigmask(S.SIGTERM);
    sigtoproc(p, null, S.SIGTERM);
    expect(woken).to.deep.equal([b]);
    expect(b.t_interrupted).to.equal(true);
    expect(a.t_state).to.equal(TS_SLEEP);
    // A thread-directed signal wakes that thread only.
    woken.length = 0;
    a.t_hold = 0n;
    tsignal(a, S.SIGHUP);
    expect(woken).to.deep.equal([a]);
  });

  it('does not wake anyone for an ignored signal kept pending for a thread that holds it', () => {
    const { p, t: [a, b] } = mkproc(12, 2);
    set_current(fakeKernel, a);
    a.t_hold = sigmask(S.SIGCHLD);                     // e.g. vfork's wrapper blocks everything
    b.t_state = TS_SLEEP; b.t_sigsleep = true;         // b is asleep in read
    sigtoproc(p, null, S.SIGCHLD);
    expect(woken).to.have.length(0);
    expect(sigismember(p.p_sig, S.SIGCHLD)).to.equal(true);
    expect(issig(b)).to.equal(false);                   // and b drops it
    expect(p.p_sig).to.equal(0n);
  });

  it('wakes a thread in sigtimedwait for a signal of its set that it holds, and keeps an ignored one for it', () => {
    const { p, t: [a, b] } = mkproc(13, 2);
    set_current(fakeKernel, a);
    a.t_hold = sigmask(S.SIGCHLD) | sigmask(S.SIGUSR1);
    b.t_hold = a.t_hold;
    b.t_state = TS_SLEEP; b.t_sigsleep = true;         // b is in sigtimedwait
    sig_set_waitset(b, sigmask(S.SIGCHLD) | sigmask(S.SIGUSR1));
    sigtoproc(p, null, S.SIGUSR1);
    expect(woken).to.deep.equal([b]);
    sigtoproc(p, null, S.SIGCHLD);                      // ignored by default, yet kept
    expect(sigismember(p.p_sig, S.SIGCHLD)).to.equal(true);
    expect(sigdeq(b, S.SIGCHLD).si_signo).to.equal(S.SIGCHLD);
    expect(sigismember(p.p_sig, S.SIGCHLD)).to.equal(false);
    sig_set_waitset(b, 0n);
  });

  it('does not wake an uninterruptible sleeper', () => {
    const { p, t: [t] } = mkproc(10);
    set_current(fakeKernel, t);
    t.t_state = TS_SLEEP;
    t.t_sigsleep = false;
    sigtoproc(p, null, S.SIGTERM);
    expect(woken).to.have.length(0);
    expect(issig(t)).to.equal(true);
  });

  it('takes no signals in a vfork parent (SVFWAIT)', () => {
    const { p, t: [t] } = mkproc(11);
    p.p_flag |= SVFWAIT;
    sigtoproc(p, null, S.SIGTERM);
    expect(issig(t)).to.equal(false);
    p.p_flag &= ~SVFWAIT;
    expect(issig(t)).to.equal(true);
  });
});

describe('sig: dispositions', () => {
  it('setsigact keeps p_ignore and drops pending instances of a now-ignored signal', () => {
    const { p, t: [t] } = mkproc(20);
    t.t_hold = sigmask(S.SIGUSR1);
    sigtoproc(p, null, S.SIGUSR1);
    tsignal(t, S.SIGUSR1);
    setsigact(p, S.SIGUSR1, SIG_IGN, 0n, 0);
    expect(sigismember(p.p_ignore, S.SIGUSR1)).to.equal(true);
    expect(p.p_sig | t.t_sig).to.equal(0n);
    setsigact(p, S.SIGUSR1, 0x2000, sigmask(S.SIGKILL) | sigmask(S.SIGHUP), SA_RESTART);
    expect(sigismember(p.p_ignore, S.SIGUSR1)).to.equal(false);
    const a = getsigact(p, S.SIGUSR1);
    expect(a).to.deep.equal({ handler: 0x2000, mask: sigmask(S.SIGHUP), flags: SA_RESTART });
    expect(sig_ignored(p, S.SIGUSR1)).to.equal(false);
  });

  it('sigdefault resets caught signals only; sigexec also forgets the handler chain', () => {
    const { p, t: [t] } = mkproc(21);
    setsigact(p, S.SIGUSR1, 0x2000, 0n, SA_SIGINFO);
    setsigact(p, S.SIGUSR2, SIG_IGN, 0n, 0);
    sigdefault(p);
    expect(getsigact(p, S.SIGUSR1).handler).to.equal(SIG_DFL);
    expect(getsigact(p, S.SIGUSR2).handler).to.equal(SIG_IGN);
    setsigact(p, S.SIGHUP, 0x3000, 0n, SA_RESTART);
    t.t_hold = sigmask(S.SIGINT);
    sigexec(p);
    expect(getsigact(p, S.SIGHUP)).to.deep.equal({ handler: SIG_DFL, mask: 0n, flags: 0 });
    expect(getsigact(p, S.SIGUSR2).handler).to.equal(SIG_IGN);
    expect(t.t_hold).to.equal(sigmask(S.SIGINT));
    expect(lwp_oldcontext(t)).to.equal(0);
  });
});

describe('sig: psig with a handler', () => {
  beforeEach(() => { deliveries.length = 0; frameOk = true; });
  afterEach(() => set_current(null, null));

  function caught(pid: number, sig: number, flags: number, mask = 0n) {
    const r = mkproc(pid);
    set_current(fakeKernel, r.t[0]);
    setsigact(r.p, sig, 0x4000, mask, flags);
    return r;
  }

  it('enters the handler with the old mask saved and the new mask installed', () => {
    const { p, t: [t] } = caught(30, S.SIGUSR1, SA_SIGINFO, sigmask(S.SIGHUP));
    t.t_hold = sigmask(S.SIGINT);
    sigtoproc(p, null, S.SIGUSR1, { si_signo: S.SIGUSR1, si_code: SI_USER, si_errno: 0, si_pid: 77 });
    run(psig(t));
    expect(deliveries).to.have.length(1);
    const d = deliveries[0];
    expect(d.sig).to.equal(S.SIGUSR1);
    expect(d.handler).to.equal(0x4000);
    expect(d.oldmask).to.equal(sigmask(S.SIGINT));
    expect(d.info?.si_pid).to.equal(77);
    expect(t.t_hold).to.equal(sigmask(S.SIGINT) | sigmask(S.SIGHUP) | sigmask(S.SIGUSR1));
    expect(p.p_sig).to.equal(0n);
    expect(lwp_oldcontext(t)).to.not.equal(0);
  });

  it('passes no siginfo without SA_SIGINFO, and chains uc_link', () => {
    const { p, t: [t] } = caught(31, S.SIGUSR2, 0);
    setsigact(p, S.SIGHUP, 0x4100, 0n, SA_NODEFER);
    sigtoproc(p, null, S.SIGUSR2);
    run(psig(t));
    const first = lwp_oldcontext(t);
    sigtoproc(p, null, S.SIGHUP);
    run(psig(t));
    expect(deliveries.map((d) => d.info)).to.deep.equal([null, null]);
    expect(deliveries[1].link).to.equal(first);
    // SA_NODEFER: the signal itself was not added to the mask.
    expect(sigismember(t.t_hold, S.SIGHUP)).to.equal(false);
  });

  it('SA_RESETHAND resets to SIG_DFL and does not block the signal', () => {
    const { p, t: [t] } = caught(32, S.SIGUSR1, SA_RESETHAND);
    tsignal(t, S.SIGUSR1);
    run(psig(t));
    expect(deliveries).to.have.length(1);
    expect(getsigact(p, S.SIGUSR1).handler).to.equal(SIG_DFL);
    expect(sigismember(t.t_hold, S.SIGUSR1)).to.equal(false);
  });

  it('SA_RESETHAND does not reset SIGILL', () => {
    const { p, t: [t] } = caught(33, S.SIGILL, SA_RESETHAND);
    tsignal(t, S.SIGILL);
    run(psig(t));
    expect(getsigact(p, S.SIGILL).handler).to.equal(0x4000);
  });

  it('saves the pre-sigsuspend mask in the frame and restores it when nothing is delivered', () => {
    const { p, t: [t] } = caught(34, S.SIGUSR1, 0);
    sig_set_oldmask(t, sigmask(S.SIGUSR1) | sigmask(S.SIGUSR2));
    t.t_hold = 0n;
    sigtoproc(p, null, S.SIGUSR1);
    run(psig(t));
    expect(deliveries[0].oldmask).to.equal(sigmask(S.SIGUSR1) | sigmask(S.SIGUSR2));
    expect(t.t_hold).to.equal(sigmask(S.SIGUSR1));
    sig_set_oldmask(t, sigmask(S.SIGTERM));
    run(psig(t));
    expect(deliveries).to.have.length(1);
    expect(t.t_hold).to.equal(sigmask(S.SIGTERM));
  });

  it('delivers one handler per call, lowest signal first', () => {
    const { p, t: [t] } = caught(35, S.SIGUSR2, 0);
    setsigact(p, S.SIGHUP, 0x4200, 0n, 0);
    sigtoproc(p, null, S.SIGUSR2);
    sigtoproc(p, null, S.SIGHUP);
    run(psig(t));
    expect(deliveries.map((d) => d.sig)).to.deep.equal([S.SIGHUP]);
    run(psig(t));
    expect(deliveries.map((d) => d.sig)).to.deep.equal([S.SIGHUP, S.SIGUSR2]);
  });

  it('trapsig gives a fault its siginfo and unblocks it', () => {
    const { t: [t] } = caught(36, S.SIGSEGV, SA_SIGINFO);
    t.t_hold = sigmask(S.SIGSEGV);
    run(trapsig(t, S.SIGSEGV, SEGV_MAPERR, 0x10));
    expect(deliveries).to.have.length(1);
    expect(deliveries[0].info).to.deep.include({ si_signo: S.SIGSEGV, si_code: SEGV_MAPERR, si_addr: 0x10 });
    expect(deliveries[0].oldmask).to.equal(0n);
  });

  it('sigcld carries the child status', () => {
    const { p: pp, t: [t] } = caught(37, S.SIGCHLD, SA_SIGINFO);
    const { p: cp } = mkproc(38);
    cp.p_wcode = S.CLD_EXITED;
    cp.p_wdata = 7;
    sigcld(pp, cp);
    run(psig(t));
    expect(deliveries[0].info).to.deep.include({ si_signo: S.SIGCHLD, si_code: S.CLD_EXITED, si_pid: 38, si_status: 7 });
  });

  it('turns EINTR into ERESTART only for a caught SA_RESTART signal', () => {
    const { p, t: [t] } = caught(39, S.SIGUSR1, SA_RESTART);
    expect(sig_check_restart(t, EINTR)).to.equal(EINTR);
    sigtoproc(p, null, S.SIGUSR1);
    expect(sig_check_restart(t, EINTR)).to.equal(ERESTART);
    expect(sig_check_restart(t, EBADF)).to.equal(EBADF);
    setsigact(p, S.SIGUSR1, 0x4000, 0n, 0);
    sigtoproc(p, null, S.SIGUSR1);
    expect(sig_check_restart(t, EINTR)).to.equal(EINTR);
  });
});

describe('sig: siginfo layout (32-bit, big-endian)', () => {
  it('encodes the kill, SIGCHLD and fault views', () => {
    const dv = (b: Uint8Array) => new DataView(b.buffer);
    const k = dv(siginfo_encode({ si_signo: 16, si_code: SI_USER, si_errno: 0, si_pid: 42, si_uid: 5 }));
    expect([k.getInt32(0), k.getInt32(4), k.getInt32(12), k.getInt32(16)]).to.deep.equal([16, 0, 42, 5]);
    const c = dv(siginfo_encode({ si_signo: 18, si_code: S.CLD_KILLED, si_errno: 0, si_pid: 3, si_status: 9 }));
    expect([c.getInt32(4), c.getInt32(12), c.getInt32(20)]).to.deep.equal([S.CLD_KILLED, 3, 9]);
    const f = siginfo_encode({ si_signo: 11, si_code: SEGV_MAPERR, si_errno: 0, si_addr: 0xdeadbeef });
    expect(f.length).to.equal(128);
    expect(dv(f).getUint32(12)).to.equal(0xdeadbeef);
    expect(dv(siginfo_encode({ si_signo: 1, si_code: SI_NOINFO, si_errno: 0 }, true)).getInt32(4, true)).to.equal(SI_NOINFO);
  });
});
