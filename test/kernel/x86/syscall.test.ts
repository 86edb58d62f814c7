/*
 * test/kernel/x86/syscall.test.ts — the Solaris i386 system call ABI of kernel/x86/syscall.ts on a
 * booted x86 machine, with static i386 programs assembled by i686-linux-gnu-gcc at test time:
 * the acceptance check (a program that uses only write(4) and exit(1) through `int $0x91`
 * prints what the same program built for Linux with `int $0x80` prints natively on this host), the
 * argument words at 4(%esp), CF and %eax = errno on failure, the two results of getpid in
 * %eax:%edx, the indirect call (%eax = 0), and registers other than %eax/%edx left alone.
 * Skipped with a message when the cross compiler is missing; under CI=true that is a failure.
 */

import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT } from '../../../boot/boot.ts';
import { have_cross_compiler, TOOLCHAINS } from '../../../boot/cc.ts';

const HAVE = have_cross_compiler('x86');
const CC = TOOLCHAINS.x86.cc;

/** Assemble and link `src` (a .S body) into a static i386 ELF; returns its bytes and path. */
function build(dir: string, name: string, src: string, defs: string[] = []): { path: string; image: Uint8Array } {
  const s = join(dir, `${name}.S`), out = join(dir, name);
  writeFileSync(s, src);
  const r = spawnSync(CC, ['-m32', '-march=i686', '-static', '-nostdlib', '-no-pie', '-Wl,--build-id=none', ...defs, '-o', out, s], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${CC} failed: ${r.stderr}`);
  return { path: out, image: new Uint8Array(readFileSync(out)) };
}

/** Run an image on a 2-CPU x86 machine as pid 1 (direct); stdout and the exit status. */
function run(image: Uint8Array, cpus = 2, seed = 0): { out: string; status: number; leaks?: string[] } {
  const r = run_image({ ...DEFAULT_BOOT, arch: 'x86', cpus, seed, capture: true, direct: true, check: true, maxCycles: 10_000_000 }, image, ['t']);
  return { out: r.machine.console.output(), status: r.status, leaks: r.leaks };
}

/** The acceptance program: Solaris (int $0x91, stack arguments) or Linux (int $0x80, registers). */
const HELLO = `
	.text
	.globl _start
_start:
#ifdef NATIVE
	movl $4, %eax
	movl $1, %ebx
	movl $msg, %ecx
	movl $len, %edx
	int $0x80
	movl $1, %eax
	movl $42, %ebx
	int $0x80
#else
	pushl $len
	pushl $msg
	pushl $1
	pushl $0		/* the return-address slot the kernel skips */
	movl $4, %eax
	int $0x91
	addl $16, %esp
	pushl $42
	pushl $0
	movl $1, %eax
	int $0x91
#endif
	.data
msg:	.ascii "hello from i386 via int\\n"
	len = . - msg
`;

/**
 * The ABI probe: exit status = a code built from what the kernel returned.
 * 1. write(99, msg, 1): CF must be set and %eax = EBADF (9); %ebx/%esi/%edi/%ebp must survive.
 * 2. write(1, msg, len): CF clear, %eax = len.
 * 3. getpid through the indirect call (%eax = 0, number in the first stack word): %eax = pid (1),
 *    %edx = ppid (0 for init).
 * Each failed check exits with its own status; success exits 0 after printing "abi ok".
 */
const ABI = `
	.text
	.globl _start
_start:
	movl $0x11111111, %ebx
	movl $0x22222222, %esi
	movl $0x33333333, %edi
	movl $0x44444444, %ebp
	pushl $1
	pushl $msg
	pushl $99
	pushl $0
	movl $4, %eax
	int $0x91
	jae fail1		/* CF must be set */
	cmpl $9, %eax
	jne fail2		/* EBADF */
	cmpl $0x11111111, %ebx
	jne fail3
	cmpl $0x22222222, %esi
	jne fail3
	cmpl $0x33333333, %edi
	jne fail3
	cmpl $0x44444444, %ebp
	jne fail3
	addl $16, %esp
	pushl $len
	pushl $msg
	pushl $1
	pushl $0
	movl $4, %eax
	int $0x91
	jb fail4
	cmpl $len, %eax
	jne fail4
	addl $16, %esp
	movl $0x5555, %edx
	pushl $20		/* SYS_getpid, through the indirect call */
	pushl $0
	movl $0, %eax
	int $0x91
	jb fail5
	cmpl $1, %eax
	jne fail5
	cmpl $0, %edx
	jne fail6
	addl $8, %esp
	movl $0, %ecx
	jmp out
fail1:	movl $11, %ecx
	jmp out
fail2:	movl $12, %ecx
	jmp out
fail3:	movl $13, %ecx
	jmp out
fail4:	movl $14, %ecx
	jmp out
fail5:	movl $15, %ecx
	jmp out
fail6:	movl $16, %ecx
out:	pushl %ecx
	pushl $0
	movl $1, %eax
	int $0x91
	hlt
	.data
msg:	.ascii "abi ok\\n"
	len = . - msg
`;

describe('x86 system call ABI (int $0x91)', function () {
  this.timeout(60_000);
  let dir = '';
  before(function () {
    if (!HAVE) {
      if (process.env.CI === 'true') throw new Error(`${CC} is missing (CI=true): ${TOOLCHAINS.x86.missing}`);
      console.log(`      (skipped: ${TOOLCHAINS.x86.missing})`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'forkvm-x86abi-'));
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('prints what the same program prints natively (int $0x80 on this host)', function () {
    if (process.arch !== 'x64' && process.arch !== 'ia32') {
      if (process.env.CI === 'true') throw new Error(`the native reference needs an x86 host, not ${process.arch}`);
      this.skip();
    }
    const native = build(dir, 'hello_native', HELLO, ['-DNATIVE']);
    const ref = spawnSync(native.path, [], { encoding: 'utf8' });
    expect(ref.error, 'the host runs static i386 ELFs').to.equal(undefined);
    expect(ref.stdout).to.equal('hello from i386 via int\n');
    const vm = run(build(dir, 'hello', HELLO).image);
    expect(vm.out).to.equal(ref.stdout);
    expect(vm.status).to.equal(ref.status);
    expect(vm.leaks).to.deep.equal([]);
  });

  it('takes arguments at 4(%esp), sets CF with errno in %eax, returns rval2 in %edx, serves the indirect call', () => {
    const img = build(dir, 'abi', ABI).image;
    for (const [cpus, seed] of [[1, 0], [2, 0], [2, 7]]) {
      const r = run(img, cpus, seed);
      expect(r.status, `cpus ${cpus} seed ${seed}`).to.equal(0);
      expect(r.out).to.equal('abi ok\n');
      expect(r.leaks).to.deep.equal([]);
    }
  });

  it('gives x87 instructions (#NM: no FPU) SIGILL, int3 SIGTRAP, #DE SIGFPE and #UD SIGILL', () => {
    const one = (name: string, body: string): number => run(build(dir, name, `
	.text
	.globl _start
_start:
${body}
	pushl $0
	pushl $0
	movl $1, %eax
	int $0x91
`).image).status;
    expect(one('fpu', '\tfld1')).to.equal(128 + 4);              // SIGILL
    expect(one('bpt', '\tint3')).to.equal(128 + 5);              // SIGTRAP
    expect(one('div', '\txorl %ecx, %ecx\n\tdivl %ecx')).to.equal(128 + 8);   // SIGFPE
    expect(one('ud2', '\tud2')).to.equal(128 + 4);               // SIGILL
  });

  it('turns int n for a gate user code may not use into SIGSEGV at the int instruction', () => {
    const img = build(dir, 'int80', `
	.text
	.globl _start
_start:
	movl $1, %eax
	int $0x80
	hlt
`).image;
    const r = run(img);
    expect(r.status).to.equal(128 + 11);
  });
});
