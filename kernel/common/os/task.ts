/*
 * kernel/common/os/task.ts — tasks, projects and zones as counters (uts/common/os/task.c,
 * project.c, zone.c reduced): each keeps the lwp and process counts the fork path maintains
 * (tk_nlwps, kpj_nlwps, zone_nlwps, kpj_ntasks) and that the leak check compares at halt.
 */

export class Zone { zone_id = 0; zone_nlwps = 0; zone_nprocs = 0; }
export class Project { kpj_id = 0; kpj_nlwps = 0; kpj_ntasks = 0; constructor(readonly kpj_zone: Zone) {} }
export class Task {
  tk_nlwps = 0;
  tk_nprocs = 0;
  tk_hold = 1;
  constructor(readonly tk_tkid: number, readonly tk_proj: Project) {}
  get tk_zone(): Zone { return this.tk_proj.kpj_zone; }
}

/** The task system of one kernel: the global zone, the system project, task0 and the id counter. */
export class TaskSys {
  readonly zone0 = new Zone();
  readonly proj0 = new Project(this.zone0);
  readonly task0: Task;
  private nexttk = 1;
  constructor() { this.task0 = new Task(0, this.proj0); this.proj0.kpj_ntasks = 1; }
  /** task_create — a new task in the system project (init gets one). */
  task_create(): Task { const tk = new Task(this.nexttk++, this.proj0); return tk; }
}

/** A process as the task code sees it. */
export interface TaskMember { p_task: unknown; p_lwpcnt: number }

/** task_attach — count p (and its lwps) in tk. Caller holds pidlock and p_lock. */
export function task_attach(tk: Task, p: TaskMember): void {
  p.p_task = tk;
  tk.tk_nprocs++;
  tk.tk_hold++;
}

/** task_detach — stop counting p in its task. Caller holds pidlock and p_lock. */
export function task_detach(p: TaskMember): void {
  const tk = p.p_task as Task | null;
  if (!tk) return;
  tk.tk_nprocs--;
  p.p_task = null;
}

/** task_rele — drop a hold on tk. */
export function task_rele(tk: Task): void { tk.tk_hold--; }

/** Count one lwp more (or less, n = -1) against the task, its project and its zone. */
export function task_lwps(tk: Task, n: number): void {
  tk.tk_nlwps += n;
  tk.tk_proj.kpj_nlwps += n;
  tk.tk_zone.zone_nlwps += n;
}
