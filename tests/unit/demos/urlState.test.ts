// Demo settings in the page URL (src/demos/shared/urlState.ts): parsing is total (never throws), a bad
// value falls back to its default with a note naming the parameter, and writing round-trips.
import { describe, expect, test } from 'vitest';
import { PRUNING_PARAMS, DEFAULT_PRUNING_SETTINGS, type PruningSettings } from '../../../src/demos/pruning/config.ts';
import { EARLY_STOPPING_PARAMS, type EarlyStoppingSettings } from '../../../src/demos/early-stopping/config.ts';
import { DISTILLATION_PARAMS, type DistillationSettings } from '../../../src/demos/distillation/config.ts';
import { choice, clearParams, defaultsOf, flag, namespaceFor, numberChoice, numberRange, parseParams, writeParams, type ParamSpecsFor } from '../../../src/demos/shared/urlState.ts';
import { DEMO_NAMES } from '../../../src/demos/registry.ts';

interface Example {
  readonly rate: number;
  readonly width: number;
  readonly mode: 'fast' | 'slow';
  readonly tuned: boolean;
  readonly seed: number;
}

const SPECS: ParamSpecsFor<Example> = {
  rate: numberRange(0, 1, 0.05, 0.5),
  width: numberChoice([16, 32, 64], 32),
  mode: choice(['fast', 'slow'], 'fast'),
  tuned: flag(false),
  seed: numberRange(0, 999_999, 1, 1),
};
const DEFAULTS: Example = { rate: 0.5, width: 32, mode: 'fast', tuned: false, seed: 1 };
const parse = (query: string, namespace = 'demo') => parseParams<Example>(SPECS, query, namespace);

describe('parseParams', () => {
  test('nothing in the URL: the defaults, no notes', () => {
    expect(parse('')).toEqual({ values: DEFAULTS, notes: [] });
    expect(defaultsOf<Example>(SPECS)).toEqual(DEFAULTS);
  });

  test.each([
    ['demo.rate=0.25', { rate: 0.25 }],
    ['demo.rate=0', { rate: 0 }],
    ['demo.rate=1', { rate: 1 }],
    ['demo.rate=.35', { rate: 0.35 }],
    ['demo.rate=0.7000', { rate: 0.7 }],
    ['demo.width=64', { width: 64 }],
    ['demo.mode=slow', { mode: 'slow' }],
    ['demo.tuned=1', { tuned: true }],
    ['demo.tuned=true', { tuned: true }],
    ['demo.tuned=0', { tuned: false }],
    ['demo.seed=999999', { seed: 999_999 }],
    ['demo.seed=42&demo.mode=slow&demo.width=16', { seed: 42, mode: 'slow', width: 16 }],
    // The same value twice is not a conflict.
    ['demo.seed=7&demo.seed=7', { seed: 7 }],
    // Percent-encoding is decoded as usual.
    ['demo.mode=%73low', { mode: 'slow' }],
  ])('valid: %s', (query, expected) => {
    expect(parse(query)).toEqual({ values: { ...DEFAULTS, ...expected }, notes: [] });
  });

  test.each([
    ['demo.rate=abc', 'demo.rate=abc is not a number; using 0.5'],
    ['demo.rate=', 'demo.rate= is not a number; using 0.5'],
    ['demo.rate=0x10', 'demo.rate=0x10 is not a number; using 0.5'],
    ['demo.rate=1e-1', 'demo.rate=1e-1 is not a number; using 0.5'],
    ['demo.rate=Infinity', 'demo.rate=Infinity is not a number; using 0.5'],
    ['demo.rate=NaN', 'demo.rate=NaN is not a number; using 0.5'],
    ['demo.rate=+0.5', 'demo.rate= 0.5 is not a number; using 0.5'],
    ['demo.rate=%200.5', 'demo.rate= 0.5 is not a number; using 0.5'],
    ['demo.width=48', 'demo.width=48 is not one of 16, 32, 64; using 32'],
    ['demo.mode=FAST', 'demo.mode=FAST is not one of fast, slow; using fast'],
    ['demo.tuned=yes', 'demo.tuned=yes is not 1 or 0; using 0'],
    ['demo.seed=2.5', 'demo.seed=2.5 is not a whole number from 0 to 999999; using 1'],
  ])('invalid: %s', (query, note) => {
    expect(parse(query)).toEqual({ values: DEFAULTS, notes: [note] });
  });

  test.each([
    ['demo.rate=1.5', 'demo.rate=1.5 is out of range (0 to 1 in steps of 0.05); using 0.5'],
    ['demo.rate=-0.05', 'demo.rate=-0.05 is out of range (0 to 1 in steps of 0.05); using 0.5'],
    ['demo.rate=0.33', 'demo.rate=0.33 is not 0 to 1 in steps of 0.05; using 0.5'],
    ['demo.seed=-3', 'demo.seed=-3 is out of range (a whole number from 0 to 999999); using 1'],
    ['demo.seed=1000000', 'demo.seed=1000000 is out of range (a whole number from 0 to 999999); using 1'],
  ])('out of range: %s', (query, note) => {
    expect(parse(query)).toEqual({ values: DEFAULTS, notes: [note] });
  });

  test('conflicting duplicates fall back to the default and say so', () => {
    expect(parse('demo.seed=3&demo.seed=4')).toEqual({ values: DEFAULTS, notes: ['demo.seed is given 2 different values (3, 4); using 1'] });
    expect(parse('demo.mode=slow&demo.mode=fast&demo.mode=x&demo.mode=y').notes).toEqual(['demo.mode is given 4 different values (slow, fast, x, …); using fast']);
  });

  test('a good value survives next to a bad one, and every problem gets its own note', () => {
    const { values, notes } = parse('demo.rate=0.1&demo.width=7&demo.mode=slow&demo.seed=x');
    expect(values).toEqual({ ...DEFAULTS, rate: 0.1, mode: 'slow' });
    expect(notes).toEqual(['demo.width=7 is not one of 16, 32, 64; using 32', 'demo.seed=x is not a number; using 1']);
  });

  test('keys of other namespaces and of the page are left alone; unknown keys of this demo are reported', () => {
    const { values, notes } = parse('other.rate=0.1&rate=0.2&q=search&demo-backend=cpu&demo.speed=3&demo.=1&demo.rate=0.3', 'demo');
    expect(values).toEqual({ ...DEFAULTS, rate: 0.3 });
    expect(notes).toEqual(['demo.speed is not a setting of this demo; ignored', 'demo. is not a setting of this demo; ignored']);
    // "demo-2" is another namespace, not a prefix match of "demo".
    expect(parse('demo-2.rate=0.1', 'demo')).toEqual({ values: DEFAULTS, notes: [] });
    expect(parse('demo-2.rate=0.1', 'demo-2').values.rate).toBe(0.1);
  });

  test.each([
    ['<script>alert(1)</script>', 'demo.mode=<script>alert(1)</script> is not one of fast, slow; using fast'],
    ['"><img src=x onerror=alert(1)>', 'demo.mode="><img src=x onerror=alert(1)> is not one of fast, slow; using fast'],
    ['x'.repeat(5000), `demo.mode=${'x'.repeat(40)}… is not one of fast, slow; using fast`],
    ['\u202eevil\u0000\n', 'demo.mode=\ufffdevil\ufffd\ufffd is not one of fast, slow; using fast'],
  ])('hostile value %#: reported as plain text, bounded and without control characters', (raw, note) => {
    const { values, notes } = parse(new URLSearchParams([['demo.mode', raw]]).toString());
    expect(values).toEqual(DEFAULTS);
    expect(notes).toEqual([note]);
  });

  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('the key demo.%s is unknown, not an inherited property', (name) => {
    const { values, notes } = parse(`demo.${name}=1`);
    expect(values).toEqual(DEFAULTS);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(notes).toEqual([`demo.${name} is not a setting of this demo; ignored`]);
  });

  test('accepts URLSearchParams as well as a string, with or without "?"', () => {
    expect(parse('?demo.seed=5').values.seed).toBe(5);
    expect(parseParams<Example>(SPECS, new URLSearchParams('demo.seed=6'), 'demo').values.seed).toBe(6);
  });
});

describe('writeParams and clearParams', () => {
  const settings: Example = { rate: 0.15, width: 64, mode: 'slow', tuned: true, seed: 9 };

  test('write every setting under the namespace and keep everything else in the URL', () => {
    const url = writeParams<Example>(SPECS, settings, 'demo', new URL('https://wiki.example/wiki/page/?q=a%20b&demo.seed=1&other.seed=2#section'));
    expect(url.hash).toBe('#section');
    expect(url.pathname).toBe('/wiki/page/');
    expect(url.searchParams.get('q')).toBe('a b');
    expect(url.searchParams.get('other.seed')).toBe('2');
    expect(url.searchParams.getAll('demo.seed')).toEqual(['9']);
    expect(url.searchParams.get('demo.tuned')).toBe('1');
  });

  test('what is written parses back to the same settings, with no notes', () => {
    const url = writeParams<Example>(SPECS, settings, 'demo-2', new URL('https://wiki.example/'));
    expect(parseParams<Example>(SPECS, url.search, 'demo-2')).toEqual({ values: settings, notes: [] });
    expect(parseParams<Example>(SPECS, url.search, 'demo')).toEqual({ values: DEFAULTS, notes: [] });
  });

  test('clearParams removes one namespace only', () => {
    const url = new URL('https://wiki.example/?demo.seed=1&demo.mode=slow&demo-2.seed=3&q=x');
    expect(clearParams(url, 'demo').search).toBe('?demo-2.seed=3&q=x');
  });

  test.each([
    ['pruning', PRUNING_PARAMS, { shape: 'moons', mode: 'neurons', fineTuneEpochs: 3, seed: 77 }],
    ['distillation', DISTILLATION_PARAMS, { temperature: 3.5, alpha: 0.3, student: '16', seed: 2 }],
    ['early-stopping', EARLY_STOPPING_PARAMS, { l2: 3e-4, dropout: 0.2, patience: 7, maxEpochs: 225, seed: 5 }],
  ] as const)('%s settings round-trip through a URL', (name, specs, values) => {
    const table = specs as unknown as ParamSpecsFor<object>;
    const url = writeParams<object>(table, values, name, new URL('https://wiki.example/'));
    expect(parseParams<object>(table, url.search, name)).toEqual({ values, notes: [] });
  });

  test('the pruning defaults are the declared ones', () => {
    expect(DEFAULT_PRUNING_SETTINGS).toEqual<PruningSettings>({ shape: 'spirals', mode: 'weights', fineTuneEpochs: 0, seed: 1 });
    expect(parseParams<EarlyStoppingSettings>(EARLY_STOPPING_PARAMS, 'early-stopping.l2=0.001', 'early-stopping').values.l2).toBe(1e-3);
    expect(parseParams<DistillationSettings>(DISTILLATION_PARAMS, 'distillation.alpha=0.7', 'distillation').values.alpha).toBe(0.7);
  });
});

describe('namespaceFor', () => {
  test.each([
    ['pruning', 0, 'pruning'],
    ['pruning', 1, 'pruning-2'],
    ['early-stopping', 2, 'early-stopping-3'],
  ])('%s #%i → %s', (name, index, expected) => expect(namespaceFor(name, index)).toBe(expected));

  test('no demo name looks like the second copy of another, so namespaces never collide', () => {
    for (const name of DEMO_NAMES) {
      expect(name).not.toMatch(/-\d+$/);
      for (const other of DEMO_NAMES) for (const i of [1, 2, 3]) expect(namespaceFor(other, i)).not.toBe(name);
    }
  });
});
