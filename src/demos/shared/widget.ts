// The frame every demo widget shares: labelled controls, backend choice, Run / Cancel / Reset,
// progress, the backend that actually ran (with the fallback note when it differs), and a results
// area the demo's own ui module fills. DOM is built with createElement and textContent only, so the
// widget works under a strict Content-Security-Policy and never interprets data as markup.
// The widget's state is mirrored in `data-state` on the placeholder (ready, running, done, error,
// cancelled), with `data-backend` and `data-elapsed-ms` after a run, for styling, tests and the bench.
import type { DemoName } from '../registry.ts';
import { isBackendRequest, type BackendInfo, type BackendRequest } from './protocol.ts';
import { seconds } from './format.ts';
import { DemoWorkerClient, RunCancelled } from './worker-client.ts';
import { element } from './dom.ts';
import './widget.css';

export type Cleanup = () => void;

export interface Option<T extends string> {
  readonly value: T;
  readonly label: string;
}

export interface RangeOptions {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  /** Text shown next to the slider and read by screen readers (aria-valuetext). */
  readonly format?: (value: number) => string;
}

/** Builds labelled form controls; each method returns a reader for the control's current value. */
export interface ControlsBuilder {
  select<T extends string>(label: string, options: readonly Option<T>[], initial: T): () => T;
  range(label: string, options: RangeOptions): () => number;
  checkbox(label: string, initial: boolean): () => boolean;
  /** The seed every demo takes: same seed and settings give the same numbers. */
  seed(initial?: number): () => number;
}

export interface RenderContext {
  readonly backend: BackendInfo;
  readonly elapsedMs: number;
}

export interface DemoDefinition<S, R> {
  readonly name: DemoName;
  /** Adds the demo's controls and returns a reader for its settings. */
  controls(builder: ControlsBuilder): () => S;
  /** Fills `results` from a finished run; the returned cleanup runs before the next render. */
  render(results: HTMLElement, result: R, context: RenderContext): Cleanup;
  /** Optional live view while a run is in progress (curves that grow epoch by epoch). */
  renderPartial?(results: HTMLElement, partial: unknown): void;
}

let widgetCounter = 0;

/** The backend asked for by `?demo-backend=` (wasm, webgl, cpu, or broken to test the fallback). */
function backendFromUrl(): BackendRequest | null {
  const value = new URLSearchParams(location.search).get('demo-backend');
  return value !== null && isBackendRequest(value) ? value : null;
}

function buildControls(form: HTMLElement, idPrefix: string): { builder: ControlsBuilder; resets: (() => void)[] } {
  let counter = 0;
  const resets: (() => void)[] = [];
  const field = (label: string, control: HTMLElement, after?: HTMLElement): void => {
    const id = `${idPrefix}-c${counter++}`;
    control.id = id;
    const wrapper = element('div', { class: 'atlas-demo__field' });
    const labelEl = element('label', { for: id }, label);
    if (control instanceof HTMLInputElement && control.type === 'checkbox') wrapper.append(control, labelEl);
    else wrapper.append(labelEl, control);
    if (after) wrapper.append(after);
    form.append(wrapper);
  };
  const builder: ControlsBuilder = {
    select(label, options, initial) {
      const select = element('select');
      for (const option of options) select.append(element('option', { value: option.value }, option.label));
      select.value = initial;
      resets.push(() => (select.value = initial));
      field(label, select);
      return () => select.value as (typeof options)[number]['value'];
    },
    range(label, { min, max, step, value, format = String }) {
      const input = element('input', { type: 'range', min: String(min), max: String(max), step: String(step) });
      input.value = String(value);
      const output = element('output', { 'aria-hidden': 'true' });
      const sync = (): void => {
        const text = format(Number(input.value));
        output.textContent = text;
        input.setAttribute('aria-valuetext', text);
      };
      input.addEventListener('input', sync);
      sync();
      resets.push(() => {
        input.value = String(value);
        sync();
      });
      field(label, input, output);
      return () => Number(input.value);
    },
    checkbox(label, initial) {
      const input = element('input', { type: 'checkbox' });
      input.checked = initial;
      resets.push(() => (input.checked = initial));
      field(label, input);
      return () => input.checked;
    },
    seed(initial = 1) {
      const input = element('input', { type: 'number', min: '0', max: '999999', step: '1', inputmode: 'numeric' });
      input.value = String(initial);
      resets.push(() => (input.value = String(initial)));
      field('Seed', input);
      return () => {
        const n = Math.floor(Number(input.value));
        return Number.isFinite(n) && n >= 0 ? n : initial;
      };
    },
  };
  return { builder, resets };
}

/** Mounts a demo into its placeholder and returns the cleanup that removes it again. */
export function mountDemo<S, R>(root: HTMLElement, definition: DemoDefinition<S, R>): Cleanup {
  const idPrefix = `atlas-demo-${definition.name}-${++widgetCounter}`;
  const fallback = root.querySelector<HTMLElement>('.atlas-demo__fallback');
  const typicalFigure = fallback?.querySelector<HTMLElement>('.atlas-demo__figure') ?? null;
  fallback?.querySelector('.atlas-demo__noscript')?.remove();

  const widget = element('div', { class: 'atlas-demo__widget' });
  const form = element('form', { class: 'atlas-demo__controls', 'aria-label': `Settings for the ${definition.name} demo` });
  const fields = element('div', { class: 'atlas-demo__fields' });
  const { builder, resets } = buildControls(fields, idPrefix);
  const readSettings = definition.controls(builder);

  const urlBackend = backendFromUrl();
  const backendOptions: Option<BackendRequest>[] = [
    { value: 'wasm', label: 'wasm (default)' },
    { value: 'webgl', label: 'webgl' },
    { value: 'cpu', label: 'cpu (plain JavaScript)' },
  ];
  if (urlBackend === 'broken') backendOptions.push({ value: 'broken', label: 'broken (forced failure, for testing)' });
  const readBackend = builder.select('Backend', backendOptions, urlBackend ?? 'wasm');

  const buttons = element('div', { class: 'atlas-demo__buttons' });
  const runButton = element('button', { type: 'submit', class: 'atlas-demo__run' }, 'Run');
  const cancelButton = element('button', { type: 'button', class: 'atlas-demo__cancel' }, 'Cancel');
  const resetButton = element('button', { type: 'button', class: 'atlas-demo__reset' }, 'Reset');
  cancelButton.disabled = true;
  buttons.append(runButton, cancelButton, resetButton);
  form.append(fields, buttons);

  const progressRow = element('div', { class: 'atlas-demo__progress' });
  const progress = element('progress', { max: '1', 'aria-label': 'Progress' });
  progress.value = 0;
  const progressText = element('span', { class: 'atlas-demo__progress-text' }, 'Press Run to train and measure on this device.');
  progressRow.append(progress, progressText);
  const status = element('p', { class: 'atlas-demo__status', role: 'status' });
  const backendLine = element('p', { class: 'atlas-demo__backend' });
  const note = element('p', { class: 'atlas-demo__note', role: 'alert' });
  note.hidden = true;
  const results = element('div', { class: 'atlas-demo__results' });
  widget.append(form, progressRow, status, backendLine, note, results);
  // The typical-results figure stays visible, below the controls, until live results replace it.
  if (typicalFigure) results.append(typicalFigure);
  root.append(widget);

  const client = new DemoWorkerClient();
  let cleanupResult: Cleanup | null = null;
  const controls = (): HTMLElement[] => [...fields.querySelectorAll<HTMLElement>('input, select')];

  const setState = (state: 'ready' | 'running' | 'done' | 'error' | 'cancelled'): void => {
    root.dataset['state'] = state;
    const running = state === 'running';
    runButton.disabled = running;
    cancelButton.disabled = !running;
    for (const control of controls()) (control as HTMLInputElement).disabled = running;
    widget.setAttribute('aria-busy', String(running));
  };

  const clearResults = (): void => {
    cleanupResult?.();
    cleanupResult = null;
    results.replaceChildren();
  };

  const run = async (): Promise<void> => {
    if (client.running) return;
    const settings = readSettings();
    const backend = readBackend();
    setState('running');
    note.hidden = true;
    note.textContent = '';
    backendLine.textContent = '';
    progress.value = 0;
    progressText.textContent = 'Starting the worker…';
    status.textContent = 'Running…';
    let partialShown = false;
    try {
      const outcome = await client.run<R>(definition.name, backend, settings, {
        onBackend: (info) => {
          backendLine.textContent = `Backend: ${info.label}`;
          root.dataset['backend'] = info.name;
          if (info.fallbackNote) {
            note.textContent = info.fallbackNote;
            note.hidden = false;
          }
        },
        onProgress: (fraction, message, partial) => {
          progress.value = fraction;
          progressText.textContent = message;
          if (partial !== undefined && definition.renderPartial) {
            if (!partialShown) clearResults();
            partialShown = true;
            definition.renderPartial(results, partial);
          }
        },
      });
      clearResults();
      cleanupResult = definition.render(results, outcome.result, { backend: outcome.backend, elapsedMs: outcome.elapsedMs });
      progress.value = 1;
      progressText.textContent = `Finished in ${seconds(outcome.elapsedMs)}.`;
      backendLine.textContent = `Backend: ${outcome.backend.label} · ${seconds(outcome.elapsedMs)} for the whole run`;
      status.textContent = `Done in ${seconds(outcome.elapsedMs)} on ${outcome.backend.label}.`;
      root.dataset['elapsedMs'] = String(Math.round(outcome.elapsedMs));
      setState('done');
    } catch (error) {
      if (error instanceof RunCancelled) {
        progressText.textContent = 'Cancelled.';
        status.textContent = 'Cancelled.';
        setState('cancelled');
      } else {
        const message = error instanceof Error ? error.message : String(error);
        progressText.textContent = '';
        status.textContent = `The demo failed: ${message}`;
        setState('error');
      }
    }
  };

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void run();
  };
  const onCancel = (): void => client.cancel();
  const onReset = (): void => {
    client.cancel();
    clearResults();
    if (typicalFigure) results.append(typicalFigure);
    for (const reset of resets) reset();
    note.hidden = true;
    backendLine.textContent = '';
    progress.value = 0;
    progressText.textContent = 'Press Run to train and measure on this device.';
    status.textContent = 'Reset.';
    delete root.dataset['backend'];
    setState('ready');
  };
  form.addEventListener('submit', onSubmit);
  cancelButton.addEventListener('click', onCancel);
  resetButton.addEventListener('click', onReset);
  setState('ready');

  return () => {
    form.removeEventListener('submit', onSubmit);
    cancelButton.removeEventListener('click', onCancel);
    resetButton.removeEventListener('click', onReset);
    client.dispose();
    clearResults();
    widget.remove();
    if (typicalFigure && fallback) fallback.append(typicalFigure);
    delete root.dataset['state'];
  };
}
