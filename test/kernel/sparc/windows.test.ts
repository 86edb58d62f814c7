/*
 * test/kernel/sparc/windows.test.ts — kernel/sparc/windows.ts: register windows that cannot be
 * spilled. The window buffer (mpcb_wbuf) holds at most MAXWIN windows, and the return to user
 * writes them out or ends the process with SIGSEGV, so a program that overflows onto a kernel,
 * null or text %sp dies (exit 139) within a small budget instead of growing the host.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT } from '../../../boot/boot.ts';
import { MAXWIN, spill_window, user_rtt_windows } from '../../../kernel/sparc/windows.ts';
import { lwptopcb } from '../../../kernel/sparc/lwp_regs.ts';
import { NWINDOWS } from '../../../hw/sparc/isa.ts';
import { EFAULT } from '../../../kernel/common/sys/errno.ts';
import type { SparcCpu } from '../../../hw/sparc/cpu.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');

describe('sparc register windows on an unwritable stack', () => {
  it('sig_die_spill: every bad-%sp spill and ta 3 ends in SIGSEGV, within 5M cycles', () => {
    const image = new Uint8Array(readFileSync(join(BIN, 'sig_die_spill')));
    const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, maxCycles: 5_000_000 }, image, ['sig_die_spill']);
    const out = r.machine.console.output();
    expect(r.halt.why, r.halt.message).to.equal('exit');
    expect(out.split('\n').filter((l) => l.startsWith('FAIL ')), out).to.deep.equal([]);
    expect(out).to.match(/^PASS save_kernel_sp$/m);
    expect(out).to.match(/^PASS flush_text_sp$/m);
    expect(r.status).to.equal(139);
  });

  it('the window buffer is bounded: a spill past MAXWIN entries fails with EFAULT, and the return to user empties it', () => {
    expect(MAXWIN).to.equal(NWINDOWS);
    // A thread with no address space: every store fails, as at a kernel address.
    const lwp = { lwp_pcb: null } as unknown as Parameters<typeof lwptopcb>[0];
    const t = { t_procp: { p_as: null }, t_lwp: lwp } as unknown as Parameters<typeof spill_window>[0];
    const cpu = { getWinReg: (_w: number, r: number) => (r === 14 ? 0xf0000000 | 0 : r) } as unknown as SparcCpu;
    for (let i = 0; i < MAXWIN; i++) expect(spill_window(t, cpu, 1)).to.equal(0);
    expect(lwptopcb(lwp).wbuf.length).to.equal(MAXWIN);
    expect(spill_window(t, cpu, 1)).to.equal(EFAULT);
    expect(lwptopcb(lwp).wbuf.length).to.equal(MAXWIN);
    expect(user_rtt_windows(t)).to.equal(0xf0000000);
    expect(lwptopcb(lwp).wbuf.length).to.equal(0);
    expect(user_rtt_windows(t)).to.equal(null);
  });
});
