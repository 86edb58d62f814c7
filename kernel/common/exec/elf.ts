/*
 * kernel/common/exec/elf.ts — checking and loading static ELF32 executables. Mirrors
 * uts/common/exec/elf/elf.c (elfexec, mapelfexec) and the stack half of exec_args()
 * (uts/common/os/exec.c): each PT_LOAD becomes a private file-backed segvn mapping, bss is zero
 * filled, the heap starts after it, and argv/envp/auxv go on a new stack. Static executables only
 * (no PT_INTERP); ISA facts come from a small descriptor per ISA. Leaves out Solaris's AT_SUN_*.
 */

import type { IsaName } from '../../../hw/machine.ts';
import { E2BIG, ENOEXEC } from '../sys/errno.ts';
import { bstr_encode, copyout, uzero } from '../os/copy.ts';
import { DFLSSIZ } from '../vm/pagefault.ts';
import { MAP_PRIVATE, PROT_EXEC, PROT_READ, PROT_WRITE, PROT_ZFOD, as_segat } from '../vm/seg.ts';
import { SEGVN_ZFOD_ARGS, VmFile, segvn_create, vmfile_lookup } from '../vm/seg_vn.ts';
import { type As, as_map, as_setprot } from '../vm/vm_as.ts';
import { PAGESIZE, page_roundup, page_trunc } from '../vm/vm_page.ts';

/**
 * ElfIsa — what the loader needs to know about an ISA: its ELF machine number and byte order,
 * the top of the user stack (USRSTACK), the top of user space, and the initial stack layout:
 * `sa_size` bytes between %sp and argc (SPARC's 64-byte register window save area; 0 on i386,
 * where %esp points at argc) and the alignment of %sp.
 */
export interface ElfIsa {
  isa: IsaName;
  e_machine: number;
  bigEndian: boolean;
  usrstack: number;
  userlimit: number;
  sa_size: number;
  stack_align: number;
}

/**
 * ELF_ISAS — the descriptors. SPARC (SVR4 SPARC ABI): EM_SPARC 2, big-endian, USRSTACK =
 * KERNELBASE = 0xF0000000 (sun4m), %sp 16-aligned with a 64-byte window save area above it.
 * i386: EM_386 3, little-endian, USRSTACK 0x08048000 below the text (UNVERIFIED top of user space).
 */
export const ELF_ISAS: Readonly<Record<IsaName, ElfIsa>> = {
  sparc: { isa: 'sparc', e_machine: 2, bigEndian: true, usrstack: 0xF0000000, userlimit: 0xF0000000, sa_size: 64, stack_align: 16 },
  x86: { isa: 'x86', e_machine: 3, bigEndian: false, usrstack: 0x08048000, userlimit: 0xE0000000, sa_size: 0, stack_align: 16 },
};

/** ELF constants (sys/elf.h). */
export const ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;
export const PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_PHDR = 6;
export const PF_X = 1, PF_W = 2, PF_R = 4;
/** Auxiliary vector tags (sys/auxv.h). */
export const AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_ENTRY = 9;
/** Most bytes of arguments, environment and vectors exec accepts (NCARGS, 32-bit). */
export const NCARGS = 1024 * 1024;

/** elf_isa — the descriptor for an ISA name (a descriptor is returned as is). */
export function elf_isa(isa: IsaName | ElfIsa): ElfIsa {
  return typeof isa === 'string' ? ELF_ISAS[isa] : isa;
}

const EHDR_SIZE = 52, PHDR_SIZE = 32;

const MACHINE_NAMES: Record<number, string> = {
  2: 'sparc', 3: 'x86', 8: 'mips', 18: 'sparc32plus (V8+)', 20: 'powerpc', 21: 'powerpc64', 40: 'arm',
  43: 'sparcv9', 62: 'x86-64', 183: 'aarch64', 243: 'riscv',
};

/** Phdr — one Elf32_Phdr. */
export interface Phdr {
  p_type: number; p_offset: number; p_vaddr: number; p_filesz: number; p_memsz: number; p_flags: number; p_align: number;
}

/** Ehdr — the Elf32_Ehdr fields the loader uses, plus the parsed program headers. */
export interface Ehdr { e_type: number; e_machine: number; e_entry: number; e_phoff: number; e_phnum: number; phdrs: Phdr[] }

const hex = (n: number): string => '0x' + (n >>> 0).toString(16);

/**
 * elf_parse — parse and validate an executable for `isa`: the header and program headers, or a
 * one-line reason it cannot be run. Used by elf_check and elf_load.
 */
export function elf_parse(bytes: Uint8Array, isa: IsaName | ElfIsa): Ehdr | string {
  const d = elf_isa(isa);
  if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    return 'not an ELF file';
  }
  if (bytes.length < EHDR_SIZE) return `truncated ELF: ${bytes.length} bytes, the ELF header needs ${EHDR_SIZE}`;
  const data = bytes[5];
  if (data !== 1 && data !== 2) return `bad ELF: unknown data encoding ${data}`;
  const le = data === 1;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number): number => dv.getUint16(o, le);
  const u32 = (o: number): number => dv.getUint32(o, le);
  const machine = u16(18);
  if (machine !== d.e_machine) {
    // A header whose EI_DATA contradicts its own e_machine: name the byte order, not a bogus machine.
    const swapped = ((machine & 0xff) << 8) | (machine >>> 8);
    const order = le ? 'little-endian (EI_DATA 1)' : 'big-endian (EI_DATA 2)';
    if (MACHINE_NAMES[machine] === undefined && (swapped === d.e_machine || MACHINE_NAMES[swapped] !== undefined)) {
      const name = swapped === d.e_machine ? d.isa : MACHINE_NAMES[swapped];
      return `bad ELF: the header says ${order}, but e_machine reads as ${name} only in the other byte order`;
    }
    return `ELF for ${MACHINE_NAMES[machine] ?? `machine ${machine} (${order})`}, not ${d.isa}`;
  }
  if (bytes[4] !== 1) return bytes[4] === 2 ? `64-bit ELF, not a 32-bit ${d.isa} executable` : `bad ELF: unknown class ${bytes[4]}`;
  if (le === d.bigEndian) return `bad ELF: ${d.isa} executables are ${d.bigEndian ? 'big' : 'little'}-endian`;
  if (bytes[6] !== 1 || u32(20) !== 1) return 'bad ELF: unknown ELF version';
  const type = u16(16);
  if (type === ET_DYN) return 'not a static executable (ET_DYN: a shared object or PIE)';
  if (type === ET_REL) return 'not an executable (ET_REL: a relocatable object file)';
  if (type === ET_CORE) return 'not an executable (a core file)';
  if (type !== ET_EXEC) return `not an executable (e_type ${type})`;
  const entry = u32(24), phoff = u32(28), phentsize = u16(42), phnum = u16(44);
  if (phnum === 0) return 'bad ELF: no program headers';
  if (phentsize !== PHDR_SIZE) return `bad ELF: program header size ${phentsize}, expected ${PHDR_SIZE}`;
  if (phoff + phnum * PHDR_SIZE > bytes.length) {
    return `truncated ELF: program headers end at ${phoff + phnum * PHDR_SIZE}, file is ${bytes.length} bytes`;
  }
  const phdrs: Phdr[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * PHDR_SIZE;
    phdrs.push({ p_type: u32(o), p_offset: u32(o + 4), p_vaddr: u32(o + 8), p_filesz: u32(o + 16),
      p_memsz: u32(o + 20), p_flags: u32(o + 24), p_align: u32(o + 28) });
  }
  if (phdrs.some((p) => p.p_type === PT_INTERP)) return 'not a static executable (has PT_INTERP: needs a dynamic linker)';
  if (phdrs.some((p) => p.p_type === PT_DYNAMIC)) return 'not a static executable (has PT_DYNAMIC)';
  const loads = phdrs.filter((p) => p.p_type === PT_LOAD);
  if (loads.length === 0) return 'bad ELF: no loadable segments';
  let prevEnd = 0, prev: Phdr | null = null;
  for (let i = 0; i < loads.length; i++) {
    const p = loads[i];
    if (p.p_filesz > p.p_memsz) return `bad ELF: PT_LOAD ${i} has p_filesz > p_memsz`;
    if (p.p_offset + p.p_filesz > bytes.length) {
      return `truncated ELF: segment ${i} needs bytes up to ${p.p_offset + p.p_filesz}, file is ${bytes.length} bytes`;
    }
    if (p.p_vaddr % PAGESIZE !== p.p_offset % PAGESIZE) {
      return `bad ELF: PT_LOAD ${i} is not page-congruent (p_vaddr ${hex(p.p_vaddr)}, p_offset ${hex(p.p_offset)})`;
    }
    if (p.p_vaddr + p.p_memsz > d.userlimit || p.p_vaddr < PAGESIZE) return `bad ELF: PT_LOAD ${i} lies outside user space`;
    if (p.p_vaddr < prevEnd) return `bad ELF: PT_LOAD ${i} overlaps or precedes the previous segment`;
    // Two segments may share a page only if that page is one file page for both.
    if (prev !== null && page_trunc(p.p_vaddr) < page_roundup(prevEnd) &&
        (p.p_vaddr - p.p_offset !== prev.p_vaddr - prev.p_offset ||
         page_trunc(p.p_vaddr) >= page_roundup(prev.p_vaddr + prev.p_filesz))) {
      return `bad ELF: PT_LOAD ${i} shares a page with the previous segment at a different file offset`;
    }
    prevEnd = p.p_vaddr + p.p_memsz;
    prev = p;
  }
  if (!loads.some((p) => (p.p_flags & PF_X) !== 0 && entry >= p.p_vaddr && entry < p.p_vaddr + p.p_memsz)) {
    return `bad ELF: entry point ${hex(entry)} is not in an executable segment`;
  }
  return { e_type: type, e_machine: machine, e_entry: entry, e_phoff: phoff, e_phnum: phnum, phdrs };
}

/**
 * elf_check — null when `bytes` is a static ELF32 executable forkvm can run on `isa`, else a
 * one-line reason ("not an ELF file", "ELF for x86, not sparc", "truncated ELF: ...", "not a
 * static executable ..."). The CLI calls it before booting.
 */
export function elf_check(bytes: Uint8Array, isa: IsaName | ElfIsa): string | null {
  const r = elf_parse(bytes, isa);
  return typeof r === 'string' ? r : null;
}

/**
 * ElfLoadResult — elf_load's outcome. On success (error 0): the entry point, the initial stack
 * pointer, the heap base (end of bss, the initial break), the stack top and mapped size (for
 * p_usrstack/p_stksize) and its limit (p_stk_ctl). On ENOEXEC `reason` says why.
 */
export interface ElfLoadResult {
  error: number;
  reason: string | null;
  entry: number;
  sp: number;
  brkbase: number;
  usrstack: number;
  stksize: number;
  stk_ctl: number;
}

/** prot of a PT_LOAD from its p_flags. */
function pf_prot(flags: number): number {
  return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) | (flags & PF_X ? PROT_EXEC : 0);
}

/**
 * elf_load — load a static executable into `as` (a fresh, empty address space) and build its
 * initial stack. Each PT_LOAD maps its file pages private (text r-x shared read-only with every
 * other mapping of the same file until written; data rw- copied on first write), the tail of the
 * last file page past p_filesz is zeroed and the rest of p_memsz is demand-zero memory. The stack
 * (demand-zero, rwx as in 2006 Solaris) holds, from %sp up: the window save area (sa_size), argc,
 * argv[], NULL, envp[], NULL, auxv pairs (AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_ENTRY,
 * AT_NULL), then the strings; one page of headroom is mapped below %sp. `file` is the file's
 * bytes (or its VmFile); `isa` defaults to the ISA named by e_machine. Errors: ENOEXEC (with
 * `reason`), E2BIG when the arguments exceed NCARGS, ENOMEM/EFAULT from mapping or writing; the
 * caller frees the as on error.
 */
export function elf_load(as: As, file: Uint8Array | VmFile, argv: readonly string[], envp: readonly string[],
  isa?: IsaName | ElfIsa): ElfLoadResult {
  const vp = file instanceof VmFile ? file : vmfile_lookup(as.a_vm.pages, file);
  const bytes = vp.v_bytes;
  const fail = (error: number, reason: string | null = null): ElfLoadResult =>
    ({ error, reason, entry: 0, sp: 0, brkbase: 0, usrstack: 0, stksize: 0, stk_ctl: 0 });
  let d: ElfIsa | undefined = isa === undefined ? undefined : elf_isa(isa);
  if (d === undefined && bytes.length >= 20) {
    const m = bytes[5] === 1 ? bytes[18] | (bytes[19] << 8) : (bytes[18] << 8) | bytes[19];
    d = Object.values(ELF_ISAS).find((x) => x.e_machine === m);
  }
  if (d === undefined) {
    const r = elf_parse(bytes, 'sparc');
    return fail(ENOEXEC, typeof r === 'string' ? r : 'unknown machine');
  }
  const eh = elf_parse(bytes, d);
  if (typeof eh === 'string') return fail(ENOEXEC, eh);

  const loads = eh.phdrs.filter((p) => p.p_type === PT_LOAD);
  // Map every segment with its final protections; a page shared with the previous segment (the
  // same file page, elf_parse made sure) keeps the previous mapping with the union of both.
  let mappedEnd = 0, prevProt = 0;
  for (const p of loads) {
    const prot = pf_prot(p.p_flags);
    const fileMapEnd = page_roundup(p.p_vaddr + p.p_filesz);
    const zlimit = page_roundup(p.p_vaddr + p.p_memsz);
    let start = page_trunc(p.p_vaddr);
    if (start < mappedEnd) {
      const e = as_setprot(as, start, PAGESIZE, prevProt | prot);
      if (e !== 0) return fail(e);
      start += PAGESIZE;
    }
    if (p.p_filesz > 0 && fileMapEnd > start) {
      const e = as_map(as, start, fileMapEnd - start, segvn_create, {
        type: MAP_PRIVATE, prot, maxprot: PROT_ZFOD, vp,
        offset: page_trunc(p.p_offset) + (start - page_trunc(p.p_vaddr)),
      });
      if (e !== 0) return fail(e);
    }
    const zstart = Math.max(fileMapEnd, start);
    if (zlimit > zstart) {
      const e = as_map(as, zstart, zlimit - zstart, segvn_create, SEGVN_ZFOD_ARGS(prot, PROT_ZFOD));
      if (e !== 0) return fail(e);
    }
    mappedEnd = Math.max(mappedEnd, start, fileMapEnd, zlimit);
    prevProt = prot;
  }
  // Zero the bss part of the last file page: from p_filesz to the page end (or to the next
  // segment when it shares that page). The write makes the page a private copy.
  for (let i = 0; i < loads.length; i++) {
    const p = loads[i];
    if (p.p_memsz <= p.p_filesz) continue;
    const from = p.p_vaddr + p.p_filesz;
    let to = page_roundup(from);
    const next = loads[i + 1];
    if (next !== undefined && next.p_vaddr < to) to = next.p_vaddr;
    if (from % PAGESIZE === 0 || to <= from) continue;
    const seg = as_segat(as, from)!;
    const cur = seg.s_ops!.getprot(seg, from);
    if ((cur & PROT_WRITE) === 0) {
      const e = as_setprot(as, page_trunc(from), PAGESIZE, cur | PROT_WRITE);
      if (e !== 0) return fail(e);
    }
    const e = uzero(as, from, to - from);
    if (e !== 0) return fail(e);
    if ((cur & PROT_WRITE) === 0) as_setprot(as, page_trunc(from), PAGESIZE, cur);
  }
  const last = loads[loads.length - 1];
  const brkbase = last.p_vaddr + last.p_memsz;

  // Where the program headers are in memory, for AT_PHDR.
  let phdrva = 0;
  const pphdr = eh.phdrs.find((p) => p.p_type === PT_PHDR);
  if (pphdr !== undefined) phdrva = pphdr.p_vaddr;
  else {
    const l = loads.find((p) => eh.e_phoff >= p.p_offset && eh.e_phoff + eh.e_phnum * PHDR_SIZE <= p.p_offset + p.p_filesz);
    if (l !== undefined) phdrva = l.p_vaddr + (eh.e_phoff - l.p_offset);
  }
  const auxv: [number, number][] = [
    [AT_PHDR, phdrva], [AT_PHENT, PHDR_SIZE], [AT_PHNUM, eh.e_phnum], [AT_PAGESZ, PAGESIZE],
    [AT_ENTRY, eh.e_entry], [AT_NULL, 0],
  ];

  // Stack image, from the top down: strings, then the vectors, then the save area.
  const strs = [...argv, ...envp].map((s) => bstr_encode(s));
  const strsize = strs.reduce((n, s) => n + s.length + 1, 0);
  const top = d.usrstack;
  const strbase = Math.floor((top - strsize) / 8) * 8;
  const nwords = 1 + argv.length + 1 + envp.length + 1 + 2 * auxv.length;
  const vec = Math.floor((strbase - 4 * nwords) / d.stack_align) * d.stack_align;
  const sp = vec - d.sa_size;
  if (top - sp > NCARGS) return fail(E2BIG);
  const img = new Uint8Array(top - sp);
  const dv = new DataView(img.buffer);
  const put = (va: number, v: number): void => dv.setUint32(va - sp, v >>> 0, !d.bigEndian);
  let w = vec;
  put(w, argv.length); w += 4;
  let s = strbase;
  const ptrs: number[] = [];
  for (const b of strs) { img.set(b, s - sp); ptrs.push(s); s += b.length + 1; }
  for (let i = 0; i < argv.length; i++) { put(w, ptrs[i]); w += 4; }
  put(w, 0); w += 4;
  for (let i = 0; i < envp.length; i++) { put(w, ptrs[argv.length + i]); w += 4; }
  put(w, 0); w += 4;
  for (const [k, v] of auxv) { put(w, k); put(w + 4, v); w += 8; }

  const stksize = page_roundup(top - sp) + PAGESIZE;
  const e = as_map(as, top - stksize, stksize, segvn_create, SEGVN_ZFOD_ARGS(PROT_ZFOD, PROT_ZFOD));
  if (e !== 0) return fail(e);
  const ce = copyout(as, sp, img);
  if (ce !== 0) return fail(ce);
  return { error: 0, reason: null, entry: eh.e_entry, sp, brkbase, usrstack: top, stksize, stk_ctl: DFLSSIZ };
}
