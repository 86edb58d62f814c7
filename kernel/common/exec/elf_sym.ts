/*
 * kernel/common/exec/elf_sym.ts — the symbol table of a static ELF32 image (.symtab's functions and
 * objects, with sizes), for naming addresses: the debugger's user symbols and ::dis, the bench's
 * breakpoint address. The kernel itself never needs symbols.
 */

/** The function and object symbols of a static ELF32 (big-endian SPARC), cached per image. */
export interface SymTab {
  byName: Map<string, number>;
  lookup(addr: number): { name: string; off: number } | null;
  names(): string[];
}

const symcache = new WeakMap<Uint8Array, SymTab>();

/** elf_symbols — read .symtab (STT_FUNC and STT_OBJECT, with a size) of an ELF32 image. */
export function elf_symbols(b: Uint8Array): SymTab {
  const c = symcache.get(b);
  if (c) return c;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const syms: { name: string; value: number; size: number }[] = [];
  try {
    const be = b[5] === 2;
    const u16 = (o: number) => dv.getUint16(o, !be), u32 = (o: number) => dv.getUint32(o, !be);
    const shoff = u32(32), shentsize = u16(46), shnum = u16(48);
    for (let i = 0; i < shnum; i++) {
      const sh = shoff + i * shentsize;
      if (u32(sh + 4) !== 2) continue;                 // SHT_SYMTAB
      const off = u32(sh + 16), size = u32(sh + 20), link = u32(sh + 24), ent = u32(sh + 36) || 16;
      const strsh = shoff + link * shentsize, stroff = u32(strsh + 16);
      for (let o = off; o + ent <= off + size; o += ent) {
        const info = b[o + 12], type = info & 15;
        if (type !== 1 && type !== 2) continue;        // STT_OBJECT, STT_FUNC
        const value = u32(o + 4), sz = u32(o + 8);
        let n = stroff + u32(o), name = '';
        while (b[n] !== 0 && n < b.length) name += String.fromCharCode(b[n++]);
        if (name) syms.push({ name, value, size: sz });
      }
    }
  } catch { /* a stripped or odd image has no symbols */ }
  syms.sort((x, y) => x.value - y.value || (x.name < y.name ? -1 : 1));
  const byName = new Map<string, number>();
  for (const s of syms) if (!byName.has(s.name)) byName.set(s.name, s.value);
  const t: SymTab = {
    byName,
    lookup(addr: number) {
      let lo = 0, hi = syms.length - 1, best = -1;
      while (lo <= hi) { const mid = (lo + hi) >> 1; if (syms[mid].value <= addr) { best = mid; lo = mid + 1; } else hi = mid - 1; }
      if (best < 0) return null;
      const s = syms[best];
      if (addr >= s.value + Math.max(s.size, 1)) return null;
      return { name: s.name, off: addr - s.value };
    },
    names: () => [...byName.keys()],
  };
  symcache.set(b, t);
  return t;
}
