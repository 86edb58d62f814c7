/*
 * test/kernel/common/os/fault_inject.test.ts — the --inject machinery: SITE[:N] parsing, one
 * failure exactly on the Nth hit of an armed site and never again, per-kernel injectors, unknown
 * sites, and the 'as_dup' site wired to the page pool: an allocation inside as_dup fails (ENOMEM,
 * nothing leaked, the parent intact) while allocations outside as_dup neither fail nor count.
 */

import { expect } from 'chai';
import { ENOMEM } from '../../../../kernel/common/sys/errno.ts';
import { KernelPanic } from '../../../../kernel/common/sys/debug.ts';
import {
  FaultInjector, fault_init, fault_of, fault_parse, fi_register_site, fi_sites, fi_unregister_site, inject, inject_arm,
} from '../../../../kernel/common/os/fault_inject.ts';
import { MAP_SHARED, PROT_READ, PROT_WRITE } from '../../../../kernel/common/vm/seg.ts';
import { SEGVN_ZFOD_ARGS, segvn_create } from '../../../../kernel/common/vm/seg_vn.ts';
import { as_alloc, as_dup, as_free, as_map, vm_init } from '../../../../kernel/common/vm/vm_as.ts';
import { anon_baseline, expect_no_leaks, make_vm, user_rw } from '../vm/vm_fixture.ts';

const P = 4096;
const RW = PROT_READ | PROT_WRITE;

describe('fault_inject', () => {
  it('parses SITE and SITE:N, rejecting unknown sites and bad counts', () => {
    expect(fault_parse('as_dup')).to.deep.equal({ site: 'as_dup', n: 1 });
    expect(fault_parse('pid_assign:3')).to.deep.equal({ site: 'pid_assign', n: 3 });
    for (const bad of ['nosuch', 'kmem:0', 'kmem:-1', 'kmem:x', 'kmem:', ':2', '']) {
      const r = fault_parse(bad);
      expect(r, bad).to.have.property('error').that.is.a('string');
    }
    expect((fault_parse('nosuch') as { error: string }).error).to.include('as_dup');
  });

  it('knows the seed sites', () => {
    const names = fi_sites().map((s) => s.name);
    for (const s of ['as_dup', 'forklwp', 'pid_assign', 'rctl', 'kmem']) expect(names).to.include(s);
    expect(fi_sites().every((s) => s.what.length > 10)).to.equal(true);
  });

  it('fails exactly the Nth hit of an armed site, once, counting from arming', () => {
    const fi = new FaultInjector();
    expect(fi.hit('kmem')).to.equal(false);
    expect(fi.arm('kmem', 3)).to.equal(null);
    expect([1, 2, 3, 4, 5].map(() => fi.hit('kmem'))).to.deep.equal([false, false, true, false, false]);
    expect(fi.hits('kmem')).to.equal(6);
    expect(fi.hit('forklwp'), 'other sites are untouched').to.equal(false);
    expect(fi.armed()).to.deep.equal([{ fi_name: 'kmem', fi_n: 3, fi_hits: 3, fi_fired: true }]);
    expect(fi.unfired()).to.deep.equal([]);
    expect(fi.arm('kmem')).to.equal(null);
    expect(fi.unfired()).to.have.length(1);
    expect(fi.hit('kmem'), 're-armed: fires again').to.equal(true);
    fi.arm('rctl', 1);
    fi.disarm('rctl');
    expect(fi.hit('rctl')).to.equal(false);
    expect(fi.arm('nosuch')).to.match(/unknown fault-injection site 'nosuch'/);
    expect(fi.arm('kmem', 0)).to.match(/bad hit count/);
    expect(() => fi.hit('nosuch')).to.throw(KernelPanic, /unknown fault-injection site/);
  });

  it('keeps one injector per kernel; inject() is false without one', () => {
    const k1 = {}, k2 = {};
    expect(inject(k1, 'kmem')).to.equal(false);
    expect(() => inject(k1, 'typo')).to.throw(KernelPanic);
    expect(fault_of(k1)).to.equal(null);
    expect(inject_arm(k1, 'pid_assign', 2)).to.equal(null);
    expect(fault_of(k1)).to.be.instanceOf(FaultInjector);
    expect(inject(k2, 'pid_assign')).to.equal(false);
    expect(inject(k1, 'pid_assign')).to.equal(false);
    expect(inject(k1, 'pid_assign')).to.equal(true);
    expect(inject(k1, 'pid_assign')).to.equal(false);
    expect(inject_arm(k2, 'bogus')).to.match(/unknown/);
    fi_register_site('test_only_site', 'a site registered by a test');
    try {
      expect(inject_arm(k2, 'test_only_site')).to.equal(null);
      expect(inject(k2, 'test_only_site')).to.equal(true);
    } finally {
      fi_unregister_site('test_only_site');
    }
    expect(fi_sites().map((s) => s.name)).to.not.include('test_only_site');
  });

  describe("the 'as_dup' site through the page pool", () => {
    it('fails the Nth allocation inside as_dup with ENOMEM, leaving the parent intact and nothing leaked', () => {
      const t = make_vm(4);
      const base0 = anon_baseline();
      const k = {};
      vm_init(k, t.pool, t.hs);
      const fi = fault_init(k);
      const parent = as_alloc(t.vm);
      as_map(parent, 0x10000, 2 * P, segvn_create, SEGVN_ZFOD_ARGS(RW, RW));
      as_map(parent, 0x40000, P, segvn_create, { type: MAP_SHARED, prot: RW, maxprot: RW, vp: null, offset: 0 });
      as_map(parent, 0x80000, P, segvn_create, SEGVN_ZFOD_ARGS(RW | 4, RW | 4));
      user_rw(t, parent, 0x10000, 'w', 1);
      user_rw(t, parent, 0x40000, 'w', 2);
      expect(fi.hits('as_dup'), 'faults outside as_dup do not count').to.equal(0);
      const ok = as_dup(parent);
      expect(ok.error).to.equal(0);
      const perdup = fi.hits('as_dup');
      expect(perdup, 'each of the three segments reserves swap').to.equal(3);
      as_free(ok.as!);
      const allocated = t.pool.allocated, resv = t.pool.p_anon_resv;
      fi.arm('as_dup', 2);
      expect(as_dup(parent)).to.deep.equal({ error: ENOMEM, as: null });
      expect(fi.armed()[0].fi_fired).to.equal(true);
      expect(t.pool.allocated).to.equal(allocated);
      expect(t.pool.p_anon_resv).to.equal(resv);
      expect(user_rw(t, parent, 0x10000, 'r')).to.equal(1);
      expect(user_rw(t, parent, 0x10000, 'w', 3)).to.equal(3);
      const again = as_dup(parent);
      expect(again.error, 'one shot: the next fork works').to.equal(0);
      expect(user_rw(t, again.as!, 0x40000, 'r')).to.equal(2);
      as_free(again.as!);
      as_free(parent);
      expect(t.pool.p_scope, 'scope restored').to.equal(null);
      expect_no_leaks(t, base0);
    });

    it('an armed as_dup does not fire for allocations made outside as_dup', () => {
      const t = make_vm(4);
      const k = {};
      const fi = fault_init(k, t.pool);
      fi.arm('as_dup', 1);
      const as = as_alloc(t.vm);
      as_map(as, 0x10000, P, segvn_create, SEGVN_ZFOD_ARGS(RW, RW));
      expect(user_rw(t, as, 0x10000, 'w', 5)).to.equal(5);
      expect(fi.unfired()).to.have.length(1);
      as_free(as);
    });
  });
});
