/*
 * test/debug/gdb_stub.test.ts — the gdb stub (debug/gdb_stub.ts, gdb_sparc.ts) driven packet by
 * packet in-process against booted programs: the connect sequence gdb 13.1 sends (debugging.md
 * §1.8), registers at the ELF entry point, a breakpoint on main found with the ELF symbols,
 * continue, step, memory and register writes, callers' windows read as if flushed, a memory write
 * that breaks copy-on-write for the writer only, the program's exit; processes as inferiors
 * (gdb_forks: the fork event, the child's own memory through Hg, D;PID, a watchpoint that the
 * detached child's store does not fire, vfork, exec, vforkdone, W per process, vFile, vAttach,
 * vKill;PID, a signal delivered with C, a signal stop passed or dropped); and a seeded fuzz of 10^4 random and malformed packets
 * (multiprocess ids among them) that never makes the stub throw.
 */

import { expect } from 'chai';
import { elf_symbols } from '../../debug/target.ts';
import { GdbStub } from '../../debug/gdb_stub.ts';
import { elf_entry } from '../../debug/gdb_server.ts';
import { session as start_session, drive } from './gdb_harness.ts';
import { RspDecoder, rsp_frame } from '../../debug/gdb_rsp.ts';
import { SPARC_NREGS, R_PC, R_NPC } from '../../debug/gdb_sparc.ts';
import { as_fault } from '../../kernel/common/vm/vm_as.ts';
import { F_INVAL, S_READ } from '../../kernel/common/vm/seg.ts';

const session = (name: string) => start_session(name);



/** Register n of a `g` reply. */
function greg(g: string, n: number): number { return parseInt(g.substr(n * 8, 8), 16) >>> 0; }
function hex8(v: number): string { return (v >>> 0).toString(16).padStart(8, '0'); }

/** gdb 13.1's connect sequence (multiprocess, no-ack, target.xml). */
function connect(stub: GdbStub): void {
  const sup = drive(stub, 'qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;fork-events+;vfork-events+;exec-events+;vContSupported+;QThreadEvents+;no-resumed+;memory-tagging+;xmlRegisters=sparc')!;
  expect(sup).to.include('PacketSize=4000').and.include('qXfer:features:read+').and.include('multiprocess+').and.include('QStartNoAckMode+');
  expect(drive(stub, 'vMustReplyEmpty')).to.equal('');
  expect(drive(stub, 'QStartNoAckMode')).to.equal('OK');
  expect(stub.noack).to.equal(true);
  expect(drive(stub, 'Hgp0.0')).to.equal('OK');
  let xml = drive(stub, 'qXfer:features:read:target.xml:0,1000')!;
  expect(xml[0]).to.equal('l');                                    // one read, as gdb likes it
  expect(drive(stub, 'qXfer:features:read:target.xml:10,20')).to.equal('m' + xml.slice(17, 49));
  xml = xml.slice(1);
  for (const f of ['org.gnu.gdb.sparc.cpu', 'org.gnu.gdb.sparc.fpu', 'org.gnu.gdb.sparc.cp0', '<architecture>sparc</architecture>']) expect(xml).to.include(f);
  expect(drive(stub, 'qTStatus')).to.equal('');
}

describe('debug/gdb_stub: packets against a booted program', function () {
  this.timeout(120_000);

  it('connects, reads registers at the entry point, stops at main, steps, and sees the exit', () => {
    const { stub, image, out } = session('hello');
    connect(stub);
    const pid = stub.pid;
    const tid = `p${pid.toString(16)}.1`;
    expect(drive(stub, '?')).to.equal(`T05thread:${tid};`);
    expect(drive(stub, 'qfThreadInfo')).to.equal(`m${tid}`);
    expect(drive(stub, 'qsThreadInfo')).to.equal('l');
    expect(drive(stub, 'qXfer:threads:read::0,1000')).to.match(new RegExp(`^l<\\?xml[\\s\\S]*<thread id="${tid.replace('.', '\\.')}"`));
    expect(drive(stub, 'qAttached:' + pid.toString(16))).to.equal('0');
    expect(drive(stub, 'Hc-1')).to.equal('OK');
    expect(drive(stub, 'qC')).to.equal(`QC${tid}`);
    expect(drive(stub, `T${tid}`)).to.equal('OK');
    expect(drive(stub, `Tp${pid.toString(16)}.63`)).to.match(/^E/);
    expect(drive(stub, 'qOffsets')).to.equal('Text=0;Data=0;Bss=0');
    expect(drive(stub, 'qSymbol::')).to.equal('OK');

    const g = drive(stub, 'g')!;
    expect(g.length).to.equal(SPARC_NREGS * 8);
    const entry = elf_entry(image);
    expect(greg(g, R_PC)).to.equal(entry);
    expect(greg(g, R_NPC)).to.equal(entry + 4);
    expect(g.substr(32 * 8, 8)).to.equal('xxxxxxxx');          // no FPU
    const sp = greg(g, 14);
    expect(sp).to.be.greaterThan(0xe0000000);
    expect(drive(stub, `p${R_PC.toString(16)}`)).to.equal(hex8(entry));
    expect(drive(stub, 'pe')).to.equal(hex8(sp));
    // The first instruction, read through the process's address space.
    const insn = drive(stub, `m${entry.toString(16)},4`)!;
    expect(insn).to.match(/^[0-9a-f]{8}$/);
    expect(insn).to.equal(hex8(new DataView(image.buffer, image.byteOffset).getUint32(entry - 0x10000)));   // text: offset 0 at 0x10000

    const main = elf_symbols(image).byName.get('main')!;
    expect(main).to.be.a('number');
    expect(drive(stub, `Z0,${main.toString(16)},4`)).to.equal('OK');
    expect(drive(stub, `Z0,${main.toString(16)},4`)).to.equal('OK');   // idempotent
    expect(drive(stub, 'vCont?')).to.equal('vCont;c;C;s;S');
    expect(drive(stub, `vCont;c:p${pid.toString(16)}.-1`)).to.equal(`T05thread:${tid};swbreak:;`);
    expect(greg(drive(stub, 'g')!, R_PC)).to.equal(main);
    expect(out()).to.equal('');                                      // nothing printed yet

    // A step: one instruction (the save at main), pc moves to npc.
    const g1 = drive(stub, 'g')!;
    expect(drive(stub, `vCont;s:${tid}`)).to.equal(`T05thread:${tid};`);
    const g2 = drive(stub, 'g')!;
    expect(greg(g2, R_PC)).to.equal(greg(g1, R_NPC));
    expect(greg(g2, R_NPC)).to.equal(greg(g1, R_NPC) + 4);
    expect(greg(g2, 14)).to.not.equal(greg(g1, 14));                 // save made a new frame
    expect(drive(stub, 's')).to.equal(`T05thread:${tid};`);
    expect(greg(drive(stub, 'g')!, R_PC)).to.equal(greg(g2, R_NPC));

    // The new frame's save area reads the live window (as if flushed): %l0-%i7 of the window.
    const g3 = drive(stub, 'g')!;
    const area = drive(stub, `m${greg(g3, 14).toString(16)},40`)!;
    expect(area).to.equal(g3.substr(16 * 8, 16 * 8));
    // A write to the save area goes into the register window.
    expect(drive(stub, `M${(greg(g3, 14) + 4).toString(16)},4:12345678`)).to.equal('OK');
    expect(drive(stub, 'p11')).to.equal('12345678');
    expect(drive(stub, `P11=${g3.substr(17 * 8, 8)}`)).to.equal('OK');
    expect(drive(stub, 'p11')).to.equal(g3.substr(17 * 8, 8));
    // G with the registers as they are changes nothing.
    expect(drive(stub, 'G' + g3)).to.equal('OK');
    expect(drive(stub, 'g')).to.equal(g3);

    // monitor: mdb's dcmds on the stopped machine; run control is refused.
    const mon = (cmd: string) => Buffer.from(drive(stub, 'qRcmd,' + Buffer.from(cmd).toString('hex'))!, 'hex').toString('latin1');
    expect(mon('::ps')).to.match(/hello/);
    expect(mon('$r')).to.match(/%pc = 0x[0-9a-f]{8} main\+0x8/);
    expect(mon(':c')).to.match(/^monitor: ':c' would run the machine/);
    expect(mon('::nosuchdcmd')).to.match(/mdb: /);
    expect(greg(drive(stub, 'g')!, R_PC)).to.equal(main + 8);

    expect(drive(stub, `z0,${main.toString(16)},4`)).to.equal('OK');
    expect(drive(stub, 'c')).to.equal(`W00;process:${pid.toString(16)}`);
    expect(out()).to.equal('Hello from forkvm!\nargv[0] = hello\n');
    expect(drive(stub, '?')).to.equal(`W00;process:${pid.toString(16)}`);
    expect(drive(stub, 'g')).to.match(/^E/);
    expect(drive(stub, 'qfThreadInfo')).to.equal('l');
    expect(stub.internal_errors).to.equal(0);
  });

  it('backtraces read callers\' windows from the register file (fib recursion, unspilled)', () => {
    const { stub, image } = session('diff_recurse');
    connect(stub);
    const fib = elf_symbols(image).byName.get('fib')!;
    // Stop in fib a few calls deep: each hit after the first is a recursive call.
    expect(drive(stub, `Z0,${fib.toString(16)},4`)).to.equal('OK');
    for (let i = 0; i < 4; i++) expect(drive(stub, 'c')).to.match(/^T05/);
    const g = drive(stub, 'g')!;
    const fp = greg(g, 30), i7 = greg(g, 31);
    // Frame #1 (the caller fib): its %fp and %i7 are at our %fp + 56 and + 60, still in a window.
    const caller = drive(stub, `m${fp.toString(16)},40`)!;
    const cfp = parseInt(caller.substr(14 * 8, 8), 16) >>> 0, ci7 = parseInt(caller.substr(15 * 8, 8), 16) >>> 0;
    expect(cfp).to.be.greaterThan(fp);
    expect(i7).to.be.within(fib, fib + 0x100);                        // called from fib
    expect(ci7).to.be.within(fib - 0x1000, fib + 0x100);
    expect(stub.internal_errors).to.equal(0);
  });

  it('a memory write breaks copy-on-write for the written process only', () => {
    const { stub, tgt, image } = session('fork_cow');
    connect(stub);
    const syms = elf_symbols(image).byName;
    const read = syms.get('_read')!;
    const dvar = syms.get('data_var')!;
    expect(drive(stub, `Z0,${read.toString(16)},4`)).to.equal('OK');
    const parent = tgt.k.pids.all().find((p) => p.p_pid === stub.pid)!;
    let child = null;
    for (let i = 0; i < 20 && !child; i++) {
      expect(drive(stub, 'c')).to.match(/^T05/);
      child = parent.p_child.find((c) => c.p_as !== null) ?? null;
    }
    expect(child, 'the parent forked').to.not.equal(null);
    const va = dvar - (dvar % 4);
    const childPa = () => { const a = child!.p_as!.a_hat.getattr(va); return a ? a.pfn * 4096 + (va & 0xfff) : -1; };
    const before = drive(stub, `m${va.toString(16)},4`)!;
    // The child reads the page too (a read fault maps the shared page, copying nothing).
    expect(as_fault(child!.p_as!, va - (va % 4096), F_INVAL, S_READ)).to.equal(0);
    const ppa0 = parent.p_as!.a_hat.getattr(va)!.pfn * 4096 + (va & 0xfff);
    expect(childPa(), 'parent and child share the page').to.equal(ppa0);
    const childWord = tgt.m.mem.read32(childPa()) >>> 0;
    expect(hex8(childWord)).to.equal(before);
    const nv = (parseInt(before, 16) ^ 0x5a5a5a5a) >>> 0;
    expect(drive(stub, `M${va.toString(16)},4:${hex8(nv)}`)).to.equal('OK');
    expect(drive(stub, `m${va.toString(16)},4`)).to.equal(hex8(nv));
    const ppa = parent.p_as!.a_hat.getattr(va)!.pfn * 4096 + (va & 0xfff);
    expect(ppa, 'the parent got its own copy').to.not.equal(childPa());
    expect(childPa()).to.equal(ppa0);
    expect(tgt.m.mem.read32(childPa()) >>> 0, 'the child still sees the old value').to.equal(childWord);
    expect(stub.internal_errors).to.equal(0);
  });

  it('answers malformed packets with an error or an empty reply, and unknown ones empty', () => {
    const { stub } = session('hello');
    for (const p of ['m', 'mzz,4', 'm10000', 'M10000,4:zz', 'M10000,2:1234ff', 'X10000,4:ab', 'p', 'pzz', 'P1', 'P1=zz', 'Z9,0,4', 'Z0,10001,4', 'Hx', 'H', 'Hgzz', 'vCont;q', 'vCont;', 'C', 'Czz', 'sqq',
      // multiprocess ids and the per-process packets
      'Hgp.1', 'Hgpzz.1', 'Hgp1.zz', 'Hgp123456789.1', 'Tpzz', 'Tp1.', 'D;', 'D;zz', 'Dx', 'vKill;zz', 'vAttach;', 'vAttach;zz',
      'vAttach;7fff', 'vRun;', 'qAttached:zz', 'qAttached:7fff', 'vCont;c:pzz', 'vCont;C:p1.1', 'vCont;c05', 'Z2,10000,0', 'Z2,ffffffff,8',
      'Z3,10000,2000', 'C99']) {
      const r = drive(stub, p);
      expect(r, p).to.match(/^E[0-9a-f]{2}$/);
    }
    for (const p of ['', 'qFoo', 'vFoo', 'bc', 'qXfer:auxv:read::0,100', 'QNonStop:1']) expect(drive(stub, p), p).to.equal('');
    expect(drive(stub, 'm0,4')).to.match(/^E/);                       // unmapped
    expect(drive(stub, 'mffffffff,4')).to.match(/^E/);
    expect(drive(stub, 'X10000,0:')).to.equal('OK');                  // gdb's probe for X
    expect(stub.internal_errors).to.equal(0);
  });
});

describe('debug/gdb_stub: processes as inferiors and their events', function () {
  this.timeout(120_000);

  /** The address of a symbol of gdb_forks. */
  function sym(image: Uint8Array, name: string): number {
    const s = elf_symbols(image).byName.get(name);
    if (s === null || s === undefined) throw new Error(`no symbol ${name}`);
    return s;
  }

  it('fork, per-process memory and watchpoints, D;PID, vfork, exec, vforkdone, exits; vFile; vAttach', () => {
    const { stub, image, out } = session('gdb_forks');
    connect(stub);
    const sup = drive(stub, 'qSupported:multiprocess+;swbreak+;fork-events+;vfork-events+;exec-events+')!;
    expect(sup).to.include(';fork-events+').and.include(';vfork-events+').and.include(';exec-events+');
    const P = stub.pid.toString(16), C = (stub.pid + 1).toString(16), V = (stub.pid + 2).toString(16);
    const word = sym(image, 'shared_word').toString(16);
    const leaf = sym(image, 'leaf').toString(16);
    const leaf_bps = () => stub.tgt.bps.filter((b) => b.kind === 'addr' && b.addr === parseInt(leaf, 16)).map((b) => [...b.pids!]);
    expect(drive(stub, `Z0,${leaf},4`)).to.equal('OK');
    expect(drive(stub, 'vCont;c')).to.equal(`T05fork:p${C}.1;thread:p${P}.1;`);
    // The child starts with its parent's breakpoints (its memory is a copy).
    expect(leaf_bps()).to.deep.equal([[stub.pid], [stub.pid + 1]]);
    expect(drive(stub, 'qXfer:threads:read::0,1000')).to.include(`<thread id="p${P}.1"`).and.include(`<thread id="p${C}.1"`);
    expect(drive(stub, `qAttached:${C}`)).to.equal('0');
    // The child's memory is its own: a write there copies the shared page for the child only.
    expect(drive(stub, `Hgp${C}.1`)).to.equal('OK');
    expect(drive(stub, `m${word},4`)).to.equal('00000001');
    expect(drive(stub, `M${word},4:00000077`)).to.equal('OK');
    expect(drive(stub, `m${word},4`)).to.equal('00000077');
    expect(drive(stub, `Hgp${P}.1`)).to.equal('OK');
    expect(drive(stub, `m${word},4`)).to.equal('00000001');
    expect(drive(stub, 'qC')).to.equal(`QCp${P}.1`);
    // A watchpoint in the parent; the child is detached and runs on (it writes its copy: 2).
    expect(drive(stub, `Z2,${word},4`)).to.equal('OK');
    expect(drive(stub, `D;${C}`)).to.equal('OK');
    expect(drive(stub, `D;${C}`)).to.equal('E01');
    // Detached, the child runs on without them: it goes through leaf() and writes its copy.
    expect(leaf_bps()).to.deep.equal([[stub.pid]]);
    expect(drive(stub, `z0,${leaf},4`)).to.equal('OK');
    expect(drive(stub, 'qXfer:threads:read::0,1000')).to.not.include(`p${C}.1`);
    expect(drive(stub, 'vCont;c')).to.equal(`T05watch:${word};thread:p${P}.1;`);
    expect(drive(stub, `m${word},4`)).to.equal('00000003');
    expect(out()).to.include('child: sum 794 word 2\n');
    expect(drive(stub, `z2,${word},4`)).to.equal('OK');
    expect(drive(stub, 'vCont;c:p-1.-1')).to.equal(`T05vfork:p${V}.1;thread:p${P}.1;`);
    // The vfork child stays: its exec, then the parent's release, then the two exits.
    expect(drive(stub, 'vCont;c')).to.equal(`T05exec:${Buffer.from('/bin/echo').toString('hex')};thread:p${V}.1;`);
    expect(drive(stub, `qAttached:${V}`)).to.equal('0');
    expect(drive(stub, 'vFile:setfs:0')).to.equal('F0');
    const fd = drive(stub, `vFile:open:${Buffer.from('/bin/echo').toString('hex')},0,0`)!;
    expect(fd).to.match(/^F[0-9a-f]+$/);
    expect(drive(stub, `vFile:pread:${fd.slice(1)},4,0`)).to.equal('F4;\x7fELF');
    expect(drive(stub, `vFile:fstat:${fd.slice(1)}`)).to.match(/^F40;/);
    expect(drive(stub, `vFile:close:${fd.slice(1)}`)).to.equal('F0');
    expect(drive(stub, `vFile:close:${fd.slice(1)}`)).to.equal('F-1,9');
    expect(drive(stub, `vFile:open:${Buffer.from('/no/such').toString('hex')},0,0`)).to.equal('F-1,2');
    expect(drive(stub, `vFile:open:${Buffer.from('/bin/echo').toString('hex')},1,0`)).to.equal('F-1,d');
    expect(drive(stub, 'vCont;c')).to.equal(`T05vforkdone:;thread:p${P}.1;`);
    expect(drive(stub, 'vCont;c')).to.equal(`W00;process:${V}`);
    expect(stub.exited).to.equal(false);
    // vAttach: init becomes an inferior too (found running: qAttached 1); detach it again.
    expect(drive(stub, 'vAttach;1')).to.equal('T00thread:p1.1;');
    expect(drive(stub, 'qAttached:1')).to.equal('1');
    expect(drive(stub, 'D;1')).to.equal('OK');
    // kill(getpid(), SIGUSR2) stops for gdb first (gdb's 31); C1f passes it to the handler.
    expect(drive(stub, 'vCont;c')).to.equal(`T1fthread:p${P}.1;`);
    expect(drive(stub, 'C1f')).to.equal(`W00;process:${P}`);
    expect(out()).to.include('got signals 0 17\n');
    expect(stub.exited).to.equal(true);
    expect(stub.internal_errors, String(stub.last_error)).to.equal(0);
  });

  it('without fork-events the child is not an inferior; C delivers a signal; vKill;PID kills one of two', () => {
    const { stub, image, out } = session('gdb_forks');
    connect(stub);
    expect(drive(stub, 'qSupported:multiprocess+;swbreak+')).to.not.include('fork-events');
    const P = stub.pid.toString(16);
    // An access watchpoint fires at the parent's store, a read watchpoint at its printf's load;
    // the child (not an inferior) touches the same address in its own copy without a stop.
    const word = sym(image, 'shared_word').toString(16);
    expect(drive(stub, `Z4,${word},4`)).to.equal('OK');
    expect(drive(stub, 'vCont;c')).to.equal(`T05awatch:${word};thread:p${P}.1;`);
    expect(drive(stub, `m${word},4`)).to.equal('00000003');
    expect(out()).to.include('child: sum 794 word 2');
    expect(drive(stub, `z4,${word},4`)).to.equal('OK');
    expect(drive(stub, `Z3,${word},4`)).to.equal('OK');
    expect(drive(stub, 'vCont;c')).to.equal(`T05rwatch:${word};thread:p${P}.1;`);
    expect(out()).to.not.include('parent:');
    expect(drive(stub, `z3,${word},4`)).to.equal('OK');
    expect(drive(stub, `Z0,${sym(image, 'signal_point').toString(16)},4`)).to.equal('OK');
    expect(drive(stub, 'vCont;c')).to.equal(`T05thread:p${P}.1;swbreak:;`);
    expect(drive(stub, 'qXfer:threads:read::0,1000')!.match(/<thread /g)!.length).to.equal(1);
    expect(drive(stub, `z0,${sym(image, 'signal_point').toString(16)},4`)).to.equal('OK');
    // gdb's SIGUSR1 (30) is delivered without a stop; the program's SIGUSR2 stops; c drops it.
    expect(drive(stub, 'C1e')).to.equal(`T1fthread:p${P}.1;`);
    expect(drive(stub, 'c')).to.equal(`W00;process:${P}`);
    expect(out()).to.include('got signals 16 0\n');
    const s2 = session('gdb_forks');
    drive(s2.stub, 'qSupported:multiprocess+;fork-events+');
    const C = (s2.stub.pid + 1).toString(16);
    expect(drive(s2.stub, 'vCont;c')).to.equal(`T05fork:p${C}.1;thread:p${s2.stub.pid.toString(16)}.1;`);
    expect(drive(s2.stub, `vKill;${C}`)).to.equal('OK');
    expect(s2.stub.state).to.equal('stopped');
    expect(drive(s2.stub, 'vCont;c')).to.equal(`T1fthread:p${s2.stub.pid.toString(16)}.1;`);   // no vfork-events: the SIGUSR2 stop
    expect(drive(s2.stub, 'c')).to.equal(`W00;process:${s2.stub.pid.toString(16)}`);
    expect(s2.out()).to.not.include('child: sum');
    expect(s2.out()).to.include('parent: child status 9 ');              // killed by SIGKILL
  });
});

describe('debug/gdb_stub: fuzz', function () {
  this.timeout(300_000);

  it('10^4 seeded random and malformed packets never make the stub throw', () => {
    const { stub } = session('hello');
    let seed = 12;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return (seed >>> 8) % n; };
    const hexs = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[rnd(16)]).join('');
    const starts = ['vAttach;', 'Hgp', 'Hcp', 'Tp', 'Z2,', 'z2,', 'Z3,', 'Z4,', 'vCont;c:p', 'vCont;C05:p', '!', 'qAttached', '?', 'g', 'G', 'p', 'P', 'm', 'M', 'X', 'Z', 'z', 'c', 's', 'C', 'S', 'v', 'vCont', 'vCont;', 'vCont?', 'q', 'qXfer:features:read:', 'qXfer:threads:read::', 'qSupported:', 'H', 'Hg', 'Hc', 'T', 'qC', 'qThreadExtraInfo,', 'QStartNoAckMode', 'qAttached:', 'qRcmd,', 'D', 'k', 'vKill;'];
    const dec = new RspDecoder();
    let replies = 0;
    for (let i = 0; i < 10000; i++) {
      let p = starts[rnd(starts.length)];
      const k = rnd(6);
      if (k === 0) p += hexs(rnd(12));
      else if (k === 1) p += `${hexs(1 + rnd(8))},${hexs(1 + rnd(3))}`;
      else if (k === 2) p += `${hexs(1 + rnd(8))},${hexs(1)}:${hexs(rnd(10))}`;
      else if (k === 3) p += Array.from({ length: rnd(20) }, () => String.fromCharCode(rnd(256))).join('');
      else if (k === 4) p += `p${hexs(1)}.${rnd(3) === 0 ? '-1' : hexs(1)}`;
      // Never end the session (k, D, vKill) or run the machine long: those are tested above.
      if (/^(k|D|vKill)/.test(p)) p = 'x' + p;
      if (/^[cCsS]/.test(p) || /^vCont;[cCsS]/.test(p)) { if (rnd(20) !== 0) p = 'q' + p; }
      let r: string | null = null;
      expect(() => { r = drive(stub, p); }, JSON.stringify(p)).to.not.throw();
      if (r !== null) replies++;
      // The same packet through the framing, with a corrupted byte now and then.
      let f = rsp_frame(p);
      if (rnd(4) === 0) f = f.slice(0, rnd(f.length)) + String.fromCharCode(rnd(256)) + f.slice(rnd(f.length));
      expect(() => dec.feed(f)).to.not.throw();
    }
    expect(replies).to.be.greaterThan(9000);
    expect(stub.internal_errors, String(stub.last_error)).to.equal(0);
    expect(['stopped', 'exited']).to.include(stub.exited ? 'exited' : stub.state);
  });
});
