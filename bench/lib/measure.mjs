// Measures a command as a whole process tree: wall time, and peak memory as the sum of PSS
// over the process and all its descendants (Chromium included), sampled every 50 ms. A single
// process's max RSS under-reports Chromium 3–4×.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function children() {
  const byParent = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!byParent.has(ppid)) byParent.set(ppid, []);
      byParent.get(ppid).push(Number(entry));
    } catch { /* the process ended meanwhile */ }
  }
  return byParent;
}

function treePssKb(root) {
  const byParent = children();
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch { /* ended */ }
    stack.push(...(byParent.get(pid) ?? []));
  }
  return total;
}

// CPU time (user + system, the whole process tree) through GNU time, when it is there: on a
// shared machine it says more than wall time, which waits for the other users' processes.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
let runs = 0;

/** One run: { seconds, cpuSeconds, peakMb, code, stdout, stderr }. */
export function runOnce(command, args, { cwd, env } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const cpuFile = gnuTime && path.join(tmpdir(), `casebook-bench-cpu-${process.pid}-${runs++}`);
    const [program, programArgs] = gnuTime ? [gnuTime, ['-f', '%U %S', '-o', cpuFile, command, ...args]] : [command, args];
    const child = spawn(program, programArgs, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treePssKb(child.pid))), 50);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let cpuSeconds;
      if (cpuFile) {
        try {
          const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
          cpuSeconds = user + system;
          rmSync(cpuFile, { force: true });
        } catch { /* no figure */ }
      }
      resolve({ seconds, cpuSeconds, peakMb: peak / 1024, code, stdout, stderr });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Several runs after a warm-up: { median, min, max, peakMb, code, runs }. */
export async function measure(command, args, { cwd, env, runs = 3, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await runOnce(command, args, { cwd, env });
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await runOnce(command, args, { cwd, env }));
  const times = results.map((r) => r.seconds);
  const cpu = results.map((r) => r.cpuSeconds).filter((c) => c !== undefined);
  return {
    median: median(times), min: Math.min(...times), max: Math.max(...times),
    cpu: cpu.length ? median(cpu) : undefined,
    peakMb: Math.max(...results.map((r) => r.peakMb)), code: results[results.length - 1].code,
    last: results[results.length - 1],
  };
}

export function formatRow(name, m) {
  return `| ${name} | ${m.median.toFixed(2)} | ${m.min.toFixed(2)}–${m.max.toFixed(2)} | ${Math.round(m.peakMb)} | ${m.code} |`;
}

/**
 * Alternating runs of two commands (A B A B ...), `pairs` pairs after `warmup` pairs: the
 * medians of each and the median of the per-pair differences (B − A), wall and CPU. One noisy
 * run on a shared machine moves a difference of two single runs; it hardly moves this median.
 * `a` and `b` are { command, args, env }. Returns { a, b, wall, cpu, runs }, each of a and b
 * { median, cpu, peakMb, code, last } and wall/cpu the medians of the differences.
 */
export async function measurePairs(a, b, { cwd, pairs = 5, warmup = 1, onRun } = {}) {
  const runsA = [];
  const runsB = [];
  for (let i = 0; i < warmup + pairs; i++) {
    const ra = await runOnce(a.command, a.args, { cwd, env: a.env });
    const rb = await runOnce(b.command, b.args, { cwd, env: b.env });
    onRun?.(i < warmup, ra, rb);
    if (i < warmup) continue;
    runsA.push(ra);
    runsB.push(rb);
  }
  const summary = (runs) => {
    const cpu = runs.map((r) => r.cpuSeconds).filter((c) => c !== undefined);
    return { median: median(runs.map((r) => r.seconds)), cpu: cpu.length === runs.length ? median(cpu) : undefined, peakMb: Math.max(...runs.map((r) => r.peakMb)), code: runs[runs.length - 1].code, last: runs[runs.length - 1] };
  };
  const cpuKnown = runsA.every((r, k) => r.cpuSeconds !== undefined && runsB[k].cpuSeconds !== undefined);
  return {
    a: summary(runsA), b: summary(runsB), pairs,
    wall: median(runsA.map((r, k) => runsB[k].seconds - r.seconds)),
    cpu: cpuKnown ? median(runsA.map((r, k) => runsB[k].cpuSeconds - r.cpuSeconds)) : undefined,
  };
}

/** The share of CPU time all cores spent idle over `ms` milliseconds (from /proc/stat). */
function idleShare(ms) {
  const sample = () => {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal: idle and iowait are idle time.
    return { idle: fields[3] + fields[4], total: fields.slice(0, 8).reduce((a, b) => a + b, 0) };
  };
  const before = sample();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const after = sample();
  const total = after.total - before.total;
  return total > 0 ? (after.idle - before.idle) / total : 1;
}

/**
 * Waits until the machine is quiet: the cores at least `idle` idle over a second, at most
 * `maxSeconds` (the load average lags by a minute, so a row right after a Chromium print
 * would otherwise start while its processes still wind down). Returns the idle share seen last.
 */
export function settle({ idle = 0.85, maxSeconds = 60 } = {}) {
  let share = 0;
  for (let waited = 0; waited < maxSeconds; waited++) {
    share = idleShare(1000);
    if (share >= idle) break;
  }
  return share;
}
