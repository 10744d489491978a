// The early-stopping rule, as Keras' EarlyStopping(monitor='val_loss', patience, min_delta,
// restore_best_weights=True) applies it (Prechelt 1998, "Early Stopping — But When?"): an epoch
// improves when its validation loss is below the best so far by more than minDelta; training stops at
// the first epoch that is `patience` epochs after the last improvement; the best epoch's weights are kept.

export interface StoppingPoint {
  /** 1-based epoch with the best validation loss up to the stop. */
  readonly bestEpoch: number;
  /** 1-based epoch at which training stops (the last epoch if patience never ran out). */
  readonly stopEpoch: number;
  readonly stopped: boolean;
}

export function earlyStoppingPoint(validationLosses: readonly number[], patience: number, minDelta = 0): StoppingPoint {
  if (validationLosses.length === 0) throw new Error('early-stopping: no epochs');
  if (!(Number.isInteger(patience) && patience >= 1)) throw new Error(`early-stopping: patience must be a positive integer, got ${patience}`);
  let best = Infinity;
  let bestEpoch = 0;
  for (let i = 0; i < validationLosses.length; i++) {
    const epoch = i + 1;
    if (validationLosses[i]! < best - minDelta) {
      best = validationLosses[i]!;
      bestEpoch = epoch;
    } else if (epoch - bestEpoch >= patience) {
      return { bestEpoch, stopEpoch: epoch, stopped: true };
    }
  }
  return { bestEpoch, stopEpoch: validationLosses.length, stopped: false };
}
