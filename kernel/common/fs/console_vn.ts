/*
 * kernel/common/fs/console_vn.ts — /dev/console as a character vnode over the machine's console
 * device. Writes go straight out; reads return queued input, or null (block) when none is queued.
 */

import { VCHR, type Vnode } from './vnode.ts';

/** The part of the console device the kernel uses (hw/dev/console.ts satisfies it). */
export interface ConsoleDev {
  write(b: Uint8Array): void;
  read(n: number): Uint8Array | null;
}

/** Make the console vnode for `dev`. */
export function console_vnode(dev: ConsoleDev): Vnode {
  return {
    v_type: VCHR,
    size: () => 0,
    read: (_off: number, len: number) => dev.read(len),
    write: (_off: number, data: Uint8Array) => { dev.write(data); return data.length; },
  };
}
