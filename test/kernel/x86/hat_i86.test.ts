/*
 * test/kernel/x86/hat_i86.test.ts — kernel/x86/hat_i86.ts against the hardware: the tables it
 * builds are walked by hw/x86/paging.ts (the CPU's own walker) with the permissions asked for,
 * A/D set by the walker come back as ref/mod, invlpg reaches every CPU with the hat loaded (and
 * only those), page tables are counted and freed, the GDT page is mapped supervisor-only in every
 * directory, and lwp_forkregs/lwp_setrval give a fork child the parent's registers with the
 * child's return values.
 */

import { expect } from 'chai';
import { PhysMem } from '../../../hw/mem/phys_mem.ts';
import { X86Cpu, CF } from '../../../hw/x86/cpu.ts';
import { CR0_PE, CR0_PG, CR0_WP, XLATE_FAULT } from '../../../hw/x86/paging.ts';
import { page_init, PAGESIZE } from '../../../kernel/common/vm/vm_page.ts';
import { I86HatSys, type I86TlbOps } from '../../../kernel/x86/hat_i86.ts';
import { gdt_init, GDT_VA } from '../../../kernel/x86/gdt.ts';
import { x86_machdep } from '../../../kernel/x86/machdep.ts';
import { X86Pcb, lwptopcb } from '../../../kernel/x86/lwp_regs.ts';
import type { Lwp } from '../../../kernel/common/sys/klwp.ts';
import type { Machine } from '../../../hw/machine.ts';

const PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;

function setup(ncpu = 2) {
  const mem = new PhysMem(4 * 1024 * 1024, true);
  const pool = page_init(mem, 64 * 1024);
  const cpus = Array.from({ length: ncpu }, (_, i) => new X86Cpu(mem, i));
  const invl: [number, number][] = [];
  const tlb: I86TlbOps = {
    ncpu,
    cr3: (c) => cpus[c].cr3,
    invlpg: (c, va) => { invl.push([c, va]); cpus[c].paging.invlpg(va); },
    set_cr3: (c, pa) => { cpus[c].cr3 = pa; },
  };
  const gdt = gdt_init(cpus, pool);
  const hs = new I86HatSys(pool, tlb, { va: GDT_VA, pa: gdt });
  for (const c of cpus) { c.cr3 = hs.sh_emptypd; c.cr0 = CR0_PE | CR0_PG | CR0_WP; }
  return { mem, pool, cpus, hs, invl, gdt };
}

describe('hat_i86', () => {
  it('builds tables the CPU walker translates, with the asked permissions, and A/D as ref/mod', () => {
    const { cpus, hs, pool, gdt } = setup();
    const h = hs.hat_alloc();
    h.switch_to(0);
    const free0 = pool.freemem;
    expect(h.memload(0x08048000, 300, PROT_READ | PROT_EXEC)).to.equal(0);
    expect(h.memload(0x08049000, 301, PROT_READ | PROT_WRITE)).to.equal(0);
    expect(h.h_ptpages).to.equal(2);                      // directory + one page table
    expect(free0 - pool.freemem).to.equal(2);
    expect(cpus[0].cr3).to.equal(h.h_pd);                  // the CPU moved off the empty directory
    const pg = cpus[0].paging;
    expect(pg.translate(0x08048010, false, true)).to.equal(300 * PAGESIZE + 0x10);
    expect(pg.translate(0x08048010, true, true)).to.equal(XLATE_FAULT);        // read-only
    expect(pg.translate(0x08049004, true, true)).to.equal(301 * PAGESIZE + 4);
    expect(pg.translate(0x0804a000, false, true)).to.equal(XLATE_FAULT);       // not mapped
    expect(h.getattr(0x08048000)).to.deep.equal({ prot: PROT_READ | PROT_EXEC, pfn: 300, ref: true, mod: false });
    expect(h.getattr(0x08049000)).to.deep.equal({ prot: PROT_READ | PROT_WRITE, pfn: 301, ref: true, mod: true });
    // The GDT page is there for the supervisor, not for the user.
    expect(pg.translate(GDT_VA + 8, false, false)).to.equal(gdt + 8);
    expect(pg.translate(GDT_VA, false, true)).to.equal(XLATE_FAULT);
  });

  it('probe_access applies the exact PROT mask and sets A (and D for writes)', () => {
    const { hs } = setup();
    const h = hs.hat_alloc();
    h.memload(0x10000000, 400, PROT_EXEC);                 // execute-only: readable by the hardware
    h.memload(0x10001000, 401, PROT_READ);
    expect(h.probe_access(0x10000004, 3)).to.equal(400 * PAGESIZE + 4);    // S_EXEC
    expect(h.probe_access(0x10000004, 1)).to.equal(-2);                   // S_READ: not in the mask
    expect(h.probe_access(0x10001000, 2)).to.equal(-2);                   // S_WRITE on read-only
    expect(h.probe_access(0x10002000, 1)).to.equal(-1);                   // no translation
    expect(h.getattr(0x10001000)!.ref).to.equal(false);
    expect(h.probe_access(0x10001000, 1)).to.equal(401 * PAGESIZE);
    expect(h.getattr(0x10001000)!.ref).to.equal(true);
    h.chgprot(0x10001000, PAGESIZE, PROT_READ | PROT_WRITE);
    h.probe_access(0x10001000, 2);
    expect(h.getattr(0x10001000)).to.include({ mod: true, prot: PROT_READ | PROT_WRITE });
    h.clrattr(0x10001000, PAGESIZE, PROT_WRITE);
    expect(h.getattr(0x10001000)).to.include({ prot: PROT_READ, mod: true });
  });

  it('shoots down only on CPUs that translate with the hat, and frees emptied tables', () => {
    const { cpus, hs, invl, pool } = setup(3);
    const a = hs.hat_alloc(), b = hs.hat_alloc();
    const free0 = pool.freemem;
    a.memload(0x08048000, 500, PROT_READ | PROT_WRITE);
    a.memload(0x40000000, 501, PROT_READ);                 // a second page table
    b.memload(0x08048000, 502, PROT_READ);
    a.switch_to(0); a.switch_to(2); b.switch_to(1);
    expect(cpus[0].paging.translate(0x08048000, true, true)).to.equal(500 * PAGESIZE);
    invl.length = 0;
    a.memload(0x08048000, 503, PROT_READ | PROT_WRITE);    // a new frame: the old TLB entry must go
    expect(invl.map(([c]) => c).sort()).to.deep.equal([0, 2]);
    expect(cpus[0].paging.translate(0x08048000, true, true)).to.equal(503 * PAGESIZE);
    expect(a.h_ptpages).to.equal(3);
    a.unload(0x40000000, PAGESIZE);
    expect(a.h_ptpages).to.equal(2);
    expect(cpus[2].paging.translate(0x40000000, false, true)).to.equal(XLATE_FAULT);
    a.free_start(); a.free_end();
    expect(cpus[0].cr3).to.equal(hs.sh_emptypd);
    expect(cpus[2].cr3).to.equal(hs.sh_emptypd);
    expect(cpus[1].cr3).to.equal(b.h_pd);
    b.free_start(); b.free_end();
    expect(pool.freemem).to.equal(free0);
    expect(hs.sh_ptpages).to.equal(0);
  });

  it('lwp_forkregs copies the registers (from the CPU when loaded) and lwp_setrval gives the child its results', () => {
    const { cpus } = setup(1);
    const src = { lwp_pcb: null } as unknown as Lwp, dst = { lwp_pcb: null } as unknown as Lwp;
    const cpu = cpus[0];
    cpu.regs.set([7, 6, 5, 4, 0x08047f00, 2, 1, 0]);
    cpu.eip = 0x08048123;
    cpu.eflags = 0x202 | CF;
    const k = { cpu_loaded: [src], machine: { cpus } as unknown as Machine };
    x86_machdep.lwp_forkregs(k, src, dst);
    x86_machdep.lwp_setrval(dst, 1234, 1);
    const pcb = lwptopcb(dst);
    expect(pcb).to.be.instanceOf(X86Pcb);
    expect(Array.from(pcb.regs)).to.deep.equal([1234, 6, 1, 4, 0x08047f00, 2, 1, 0]);
    expect(pcb.eip).to.equal(0x08048123);
    expect(pcb.eflags & CF).to.equal(0);
    // An lwp that is not on a CPU is copied from its pcb.
    const dst2 = { lwp_pcb: null } as unknown as Lwp;
    x86_machdep.lwp_forkregs({ cpu_loaded: [null], machine: k.machine }, dst, dst2);
    expect(Array.from(lwptopcb(dst2).regs)).to.deep.equal(Array.from(pcb.regs));
    expect(x86_machdep.flush_user_windows_to_stack(null as never, cpu)).to.equal(0);
  });
});
