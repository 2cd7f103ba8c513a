/*
 * The renderer benchmark page. `?renderer=ours|stock&form=URL` mounts the compiled form at URL
 * either with our RegistryForm and the regforms renderers, or with stock <JsonForms>,
 * materialRenderers, materialCells and default options; `?renderer=bare&field=NAME` shows one
 * plain input instead (the browser's own floor). It records mount time, keystroke
 * latencies, long tasks and commits for tests/bench/renderer.bench.ts.
 */
import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import { materialCells, materialRenderers } from '@jsonforms/material-renderers';
import { JsonForms } from '@jsonforms/react';
import type { CompiledForm, RegistrationData } from '@regforms/runtime';
import { type ReactNode, useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RegistryForm } from '../src/form/RegistryForm.tsx';
import { regformsRenderers } from '../src/renderers/index.ts';
import { BENCH_GLOBAL, type BenchRecord } from './probe.ts';

const params = new URLSearchParams(location.search);
const asked = params.get('renderer');
const which = asked === 'stock' || asked === 'bare' ? asked : 'ours';

const record: BenchRecord = {
  renderer: which,
  mountStart: 0,
  mountEnd: undefined,
  commits: [],
  lastData: {},
  keydowns: [],
  probe: [],
  handled: [],
  events: [],
  longtasks: [],
  error: undefined,
};
(window as unknown as Record<string, unknown>)[BENCH_GLOBAL] = record;

/** Runs `fn` in the first task after the next frame's paint (rAF runs just before it). */
function afterNextPaint(fn: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = fn;
    channel.port2.postMessage(null);
  });
}

new PerformanceObserver((list) => {
  for (const e of list.getEntries() as PerformanceEventTiming[])
    record.events.push({
      name: e.name,
      startTime: e.startTime,
      duration: e.duration,
    });
}).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) record.longtasks.push({ startTime: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

// The rAF probe complements Event Timing, which does not report keystrokes under 16 ms.
window.addEventListener(
  'keydown',
  (e) => {
    const at = e.timeStamp;
    const slot = record.keydowns.push(at) - 1;
    afterNextPaint(() => {
      record.probe[slot] = performance.now() - at;
    });
  },
  { capture: true },
);

// The keystroke's own work: React flushes a discrete event's update before the task ends, so a
// message posted from the input event (capture, before any handler) runs once the keystroke's
// handlers and re-render are done.
window.addEventListener(
  'input',
  () => {
    const slot = record.keydowns.length - 1;
    if (slot < 0) return;
    const at = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      record.handled[slot] = performance.now() - at;
    };
    channel.port2.postMessage(null);
  },
  { capture: true },
);

function commit(data: unknown): void {
  record.commits.push(performance.now());
  record.lastData = data as Record<string, unknown>;
}

/** Marks the end of the mount once the whole tree has committed (a parent's layout effect runs last). */
function Mounted(props: { children: ReactNode }) {
  useLayoutEffect(() => {
    afterNextPaint(() => {
      record.mountEnd = performance.now();
      performance.mark('regforms-bench-mounted');
    });
  }, []);
  return props.children;
}

function Ours(props: { form: CompiledForm }) {
  return <RegistryForm form={props.form} renderers={regformsRenderers} onChange={commit} />;
}

/** Stock JSON Forms as its documentation shows it: data kept in the parent's state. */
function Stock(props: { form: CompiledForm }) {
  const [data, setData] = useState<RegistrationData>({});
  return (
    <JsonForms
      schema={props.form.schema as JsonSchema}
      uischema={props.form.uischema as unknown as UISchemaElement}
      data={data}
      renderers={materialRenderers}
      cells={materialCells}
      onChange={({ data: next }) => {
        // The initial onChange reports the same data object; only real changes are commits.
        if (next === data) return;
        commit(next);
        setData(next);
      }}
    />
  );
}

/**
 * The floor: one plain <input> and no framework, with the same id as the field typed into. Its
 * keystroke latency is what the browser alone costs (input routing, the wait for the display's
 * next frame, paint), below which no renderer can go.
 */
function bare(field: string): void {
  const label = document.createElement('label');
  label.textContent = field;
  const input = document.createElement('input');
  input.id = `#/properties/${field}-input`;
  label.append(input);
  document.getElementById('root')!.append(label);
  input.addEventListener('input', () => {
    record.lastData = { [field]: input.value };
  });
  record.mountStart = performance.now();
  afterNextPaint(() => {
    record.mountEnd = performance.now();
  });
}

async function main(): Promise<void> {
  if (which === 'bare') return bare(params.get('field') ?? 'field');
  const url = params.get('form');
  if (!url) throw new Error('Missing ?form=URL of a compiled form.');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Cannot load ${url}: HTTP ${response.status}`);
  const form = (await response.json()) as CompiledForm;
  const root = createRoot(document.getElementById('root')!);
  performance.mark('regforms-bench-mount');
  record.mountStart = performance.now();
  root.render(<Mounted>{which === 'ours' ? <Ours form={form} /> : <Stock form={form} />}</Mounted>);
}

main().catch((e: unknown) => {
  record.error = e instanceof Error ? e.message : String(e);
});
