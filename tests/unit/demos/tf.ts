// Test setup for demo models: the union @tensorflow/tfjs package registers the gradients and the cpu
// backend in Node (the worker registers them itself in the browser); tests always run on cpu.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';

export async function useCpu(): Promise<typeof tf> {
  // Silences the "install tfjs-node" notice, which cannot install here and is not wanted.
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
  return tf;
}

export const noProgress = (): void => {};
