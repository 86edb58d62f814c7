/*
 * test/debug/gdb_i386.test.ts — the i386 side of the gdb stub (debug/gdb_i386.ts through
 * gdb_stub.ts and the ISA switch gdb_arch.ts), packet by packet in-process on the x86 machine:
 * the target description (gdb's i386 core feature: 16 general and segment registers, 8 80-bit
 * x87 registers and 8 x87 control registers), `g` at the ELF entry point (little-endian, the
 * x87 part zeros), p/P of %eip and %eax, a G round trip, a breakpoint at an odd address
 * (no alignment on i386), a step that advances %eip by one instruction, and Z2-Z4 answered as
 * unsupported (the CPU has no watch unit).
 */

import { expect } from 'chai';
import { elf_symbols } from '../../debug/target.ts';
import { elf_entry } from '../../debug/gdb_server.ts';
import { session as start_session, drive } from './gdb_harness.ts';
import { I386_NREGS, I386_REG_NAMES, i386_reg_size } from '../../debug/gdb_i386.ts';
import { reg_hex, reg_of_hex } from '../../debug/gdb_arch.ts';

const session = (name: string) => start_session(name, 'x86');



/** Offset (hex chars) of register n in a `g` reply. */
function goff(n: number): number { let o = 0; for (let i = 0; i < n; i++) o += i386_reg_size(i) * 2; return o; }
/** Register n (low 32 bits) of a `g` reply, little-endian. */
function greg(g: string, n: number): number { return reg_of_hex(g.slice(goff(n), goff(n + 1)), true)!; }

describe('gdb stub on the i386 machine', function () {
  this.timeout(60_000);

  it('serves gdb\'s i386 core feature: 32 registers, x87 ones 80 bits, no other feature', () => {
    const { stub } = session('hello');
    const xml = drive(stub, 'qXfer:features:read:target.xml:0,3fff')!;
    expect(xml[0]).to.equal('l');
    expect(xml).to.include('<architecture>i386</architecture>').and.include('<feature name="org.gnu.gdb.i386.core">');
    expect(xml.match(/<feature /g)).to.have.length(1);
    const regs = [...xml.matchAll(/<reg name="([a-z0-9]+)" bitsize="(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(regs).to.have.length(32);
    expect(regs.slice(0, 16).join(' ')).to.equal('eax:32 ecx:32 edx:32 ebx:32 esp:32 ebp:32 esi:32 edi:32 eip:32 eflags:32 cs:32 ss:32 ds:32 es:32 fs:32 gs:32');
    expect(regs.slice(16, 24)).to.deep.equal(Array.from({ length: 8 }, (_, i) => `st${i}:80`));
    expect(regs.slice(24).join(' ')).to.equal('fctrl:32 fstat:32 ftag:32 fiseg:32 fioff:32 foseg:32 fooff:32 fop:32');
    expect(xml).to.include('<reg name="eip" bitsize="32" type="code_ptr"/>').and.include('<reg name="st0" bitsize="80" type="i387_ext"/>');
    expect(I386_REG_NAMES).to.have.length(I386_NREGS);
  });

  it('g at the entry point: eip = e_entry, esp on the user stack, flat user selectors, x87 zeros; p/P/G round trips', () => {
    const { stub, image } = session('hello');
    const g = drive(stub, 'g')!;
    expect(g.length).to.equal(goff(I386_NREGS)).and.equal((16 * 4 + 8 * 10 + 8 * 4) * 2);
    expect(greg(g, 8)).to.equal(elf_entry(image));
    expect(g.slice(goff(8), goff(9))).to.equal(reg_hex(elf_entry(image), 4, true));      // little-endian on the wire
    expect(greg(g, 4)).to.be.within(0x08000000, 0x08048000);
    expect(greg(g, 9) & 0x202).to.equal(0x202);                                         // IF and the reserved bit
    expect([10, 11, 12, 13].map((n) => greg(g, n))).to.deep.equal([0x1b, 0x23, 0x23, 0x23]);
    expect(g.slice(goff(16))).to.match(/^0+$/);
    expect(drive(stub, 'p8')).to.equal(reg_hex(elf_entry(image), 4, true));
    expect(drive(stub, 'p10')).to.equal('0'.repeat(20));
    expect(drive(stub, 'p20')).to.equal('E16');
    expect(drive(stub, 'P0=78563412')).to.equal('OK');
    expect(drive(stub, 'p0')).to.equal('78563412');
    expect(drive(stub, 'P0=1234')).to.equal('E16');                                     // not 4 bytes
    expect(drive(stub, 'Pa=2b000000')).to.equal('E01');                                 // selectors are the kernel's
    expect(drive(stub, 'P10=' + 'ff'.repeat(10))).to.equal('OK');                       // x87: taken, not kept
    expect(drive(stub, 'p10')).to.equal('0'.repeat(20));
    const g2 = drive(stub, 'g')!;
    const changed = g2.slice(0, goff(1)) === '78563412' ? reg_hex(0xcafe, 4, true) + g2.slice(goff(1)) : '';
    expect(drive(stub, 'G' + changed)).to.equal('OK');
    expect(greg(drive(stub, 'g')!, 0)).to.equal(0xcafe);
    expect(drive(stub, 'G' + changed.slice(0, 10))).to.equal('E16');                     // not at a register's end
  });

  it('a breakpoint on main (any byte address), continue, step one instruction; Z2-Z4 unsupported; the exit', () => {
    const { stub, image, out } = session('hello');
    const main = elf_symbols(image).byName.get('main')!;
    expect(main, 'main in hello').to.not.equal(undefined);
    expect(drive(stub, 'Z2,8049000,4')).to.equal('');
    expect(drive(stub, 'Z3,8049000,4')).to.equal('');
    expect(drive(stub, 'Z4,8049000,4')).to.equal('');
    expect(drive(stub, `Z0,${(main + 1).toString(16)},1`)).to.equal('OK');             // odd: fine on i386
    expect(drive(stub, `z0,${(main + 1).toString(16)},1`)).to.equal('OK');
    expect(drive(stub, `Z0,${main.toString(16)},1`)).to.equal('OK');
    expect(drive(stub, 'c')).to.match(/^T05/);
    expect(greg(drive(stub, 'g')!, 8)).to.equal(main);
    expect(drive(stub, `z0,${main.toString(16)},1`)).to.equal('OK');
    expect(drive(stub, 's')).to.match(/^T05/);
    const eip = greg(drive(stub, 'g')!, 8);
    expect(eip).to.be.within(main + 1, main + 15);                                       // one instruction on
    expect(drive(stub, 'c')).to.match(/^W00/);
    expect(out()).to.include('hello');
    expect(stub.internal_errors, String(stub.last_error)).to.equal(0);
  });
});
